import React from 'react';

import {button, errorText, input, primaryButton, section} from './styles';

import type {AppForm as AppFormState, FormFields} from '../store/slice';
import {LIMITS} from '../validation';

type Props = {
    form: AppFormState;
    isSystemAdmin: boolean;
    busy: boolean;
    onChange: (patch: Partial<FormFields>) => void;
    onSubmit: () => void;
    onCancel: () => void;
};

type TextField = 'name' | 'description' | 'homepage' | 'icon_url' | 'callbacks';

const TEXT_FIELDS: Array<{key: TextField; label: string; help: string; multiline?: boolean; required?: boolean}> = [
    {key: 'name', label: 'Name', help: `1 to ${LIMITS.name} characters.`, required: true},
    {key: 'description', label: 'Description', help: `Up to ${LIMITS.description} characters.`, multiline: true},
    {key: 'homepage', label: 'Homepage', help: `An http:// or https:// URL, up to ${LIMITS.homepage} characters.`, required: true},
    {key: 'icon_url', label: 'Icon URL', help: `Optional; an http:// or https:// URL, up to ${LIMITS.iconURL} characters.`},
    {key: 'callbacks', label: 'Callback URLs', help: `One per line; at least one. Matched exactly: no wildcards. ${LIMITS.callbacksTotal} characters in all.`, multiline: true, required: true},
];

// Create and edit. What was typed lives in the slice, so a failed request
// loses nothing; the server's message lands on the field it is about.
// Not a <form>: the System Console renders plugin sections inside its own
// settings form, and a nested form's submit reloads the page natively. Enter
// in a one-line field submits here instead, and never reaches the outer form.
export default function AppForm({form, isSystemAdmin, busy, onChange, onSubmit, onCancel}: Props) {
    const {fields, errors, mode} = form;
    const title = mode === 'create' ? 'Create an OAuth app' : `Edit ${fields.name || 'the app'}`;
    const submitLabel = mode === 'create' ? 'Create app' : 'Save changes';
    return (
        <div
            role='form'
            aria-label={title}
            style={section}
        >
            <h4>{title}</h4>
            {errors.form && (
                <p
                    role='alert'
                    style={errorText}
                >{errors.form}</p>
            )}
            {TEXT_FIELDS.map(({key, label, help, multiline, required}) => {
                const id = `oauth-form-${key}`;
                const error = errors[key];
                const common = {
                    id,
                    value: fields[key],
                    'aria-invalid': Boolean(error),
                    'aria-describedby': `${id}-help${error ? ` ${id}-error` : ''}`,
                    'aria-required': required,
                    style: {...input, width: '100%', maxWidth: 560},
                };
                return (
                    <div
                        key={key}
                        style={{marginBottom: 12}}
                    >
                        <label
                            htmlFor={id}
                            style={{display: 'block', fontWeight: 600}}
                        >{label}{required ? ' *' : ''}</label>
                        {multiline ? (
                            <textarea
                                {...common}
                                rows={key === 'callbacks' ? 3 : 2}
                                onChange={(e) => onChange({[key]: e.target.value})}
                            />
                        ) : (
                            <input
                                {...common}
                                type={key === 'name' ? 'text' : 'url'}
                                onChange={(e) => onChange({[key]: e.target.value})}
                                onKeyDown={(e) => {
                                    if (e.key === 'Enter') {
                                        e.preventDefault();
                                        if (!busy) {
                                            onSubmit();
                                        }
                                    }
                                }}
                            />
                        )}
                        <div
                            id={`${id}-help`}
                            style={{fontSize: 12, opacity: 0.72}}
                        >{help}</div>
                        {error && (
                            <div
                                id={`${id}-error`}
                                style={errorText}
                            >{error}</div>
                        )}
                    </div>
                );
            })}
            {isSystemAdmin && (
                <div>
                    <label>
                        <input
                            type='checkbox'
                            checked={fields.is_trusted}
                            onChange={(e) => onChange({is_trusted: e.target.checked})}
                        />
                        {' Trusted: users are not asked for consent (system admins only)'}
                    </label>
                </div>
            )}
            {mode === 'create' && (
                <div>
                    <label>
                        <input
                            type='checkbox'
                            checked={fields.is_public}
                            onChange={(e) => onChange({is_public: e.target.checked})}
                        />
                        {' Public client: no secret, must use PKCE (cannot be changed later)'}
                    </label>
                </div>
            )}
            <div style={{marginTop: 12}}>
                <button
                    type='button'
                    style={primaryButton}
                    disabled={busy}
                    onClick={onSubmit}
                >{busy ? 'Saving…' : submitLabel}</button>
                <button
                    type='button'
                    style={button}
                    onClick={onCancel}
                >{'Cancel'}</button>
            </div>
        </div>
    );
}
