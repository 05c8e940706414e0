import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import CallbackLint, {NO_LINT_OPTIONS} from './callback_lint';
import Dialog from './dialog';

import type {LintOptions} from '../lint/redirect_uri';
import type {AppForm as AppFormState, FormFields} from '../store/slice';
import {LIMITS} from '../validation';

const messages = defineMessages({
    createTitle: {id: 'oauth-manager.console.form.create_title', defaultMessage: 'Create an OAuth app'},
    editTitle: {id: 'oauth-manager.console.form.edit_title', defaultMessage: 'Edit {name}'},
    editTitleUnnamed: {id: 'oauth-manager.console.form.edit_title_unnamed', defaultMessage: 'Edit the app'},
    create: {id: 'oauth-manager.console.form.create', defaultMessage: 'Create app'},
    save: {id: 'oauth-manager.console.form.save', defaultMessage: 'Save changes'},
    saving: {id: 'oauth-manager.console.form.saving', defaultMessage: 'Saving…'},
    required: {id: 'oauth-manager.console.form.required', defaultMessage: '{label} (required)'},
    name: {id: 'oauth-manager.console.form.name', defaultMessage: 'Name'},
    nameHelp: {id: 'oauth-manager.console.form.name_help', defaultMessage: '1 to {max} characters.'},
    description: {id: 'oauth-manager.console.form.description', defaultMessage: 'Description'},
    descriptionHelp: {id: 'oauth-manager.console.form.description_help', defaultMessage: 'Up to {max} characters.'},
    homepage: {id: 'oauth-manager.console.form.homepage', defaultMessage: 'Homepage'},
    homepageHelp: {id: 'oauth-manager.console.form.homepage_help', defaultMessage: 'An http:// or https:// URL, up to {max} characters.'},
    iconURL: {id: 'oauth-manager.console.form.icon_url', defaultMessage: 'Icon URL'},
    iconURLHelp: {id: 'oauth-manager.console.form.icon_url_help', defaultMessage: 'Optional; an http:// or https:// URL, up to {max} characters.'},
    callbacks: {id: 'oauth-manager.console.form.callbacks', defaultMessage: 'Callback URLs'},
    callbacksHelp: {id: 'oauth-manager.console.form.callbacks_help', defaultMessage: 'One per line; at least one. Matched exactly: no wildcards. {max} characters in all.'},
    trusted: {id: 'oauth-manager.console.form.trusted', defaultMessage: 'Trusted: users are not asked for consent (system admins only)'},
    public: {id: 'oauth-manager.console.form.public', defaultMessage: 'Public client: no secret, must use PKCE (cannot be changed later)'},
});

type Props = {
    form: AppFormState;
    isSystemAdmin: boolean;
    busy: boolean;
    onChange: (patch: Partial<FormFields>) => void;
    onSubmit: () => void;
    onCancel: () => void;

    // The server's DCR allowlist and version, for the callback URLs' lint.
    lintOptions?: LintOptions;
};

type TextField = 'name' | 'description' | 'homepage' | 'icon_url' | 'callbacks';

const TEXT_FIELDS = [
    {key: 'name', label: messages.name, help: messages.nameHelp, max: LIMITS.name, required: true},
    {key: 'description', label: messages.description, help: messages.descriptionHelp, max: LIMITS.description, multiline: true},
    {key: 'homepage', label: messages.homepage, help: messages.homepageHelp, max: LIMITS.homepage, required: true},
    {key: 'icon_url', label: messages.iconURL, help: messages.iconURLHelp, max: LIMITS.iconURL},
    {key: 'callbacks', label: messages.callbacks, help: messages.callbacksHelp, max: LIMITS.callbacksTotal, multiline: true, required: true},
] as const satisfies ReadonlyArray<{key: TextField; label: object; help: object; max: number; multiline?: boolean; required?: boolean}>;

// Create and edit, in a dialog. What was typed lives in the slice, so a failed
// request loses nothing; the server's message lands on the field it is about.
// Not a <form>: on the console page a submit could reach the console's own
// settings form. Enter in a one-line field submits here instead.
export default function AppForm({form, isSystemAdmin, busy, onChange, onSubmit, onCancel, lintOptions = NO_LINT_OPTIONS}: Props) {
    const intl = useIntl();
    const {fields, errors, mode} = form;
    let title = intl.formatMessage(messages.createTitle);
    if (mode !== 'create') {
        title = fields.name ? intl.formatMessage(messages.editTitle, {name: fields.name}) : intl.formatMessage(messages.editTitleUnnamed);
    }
    const submitLabel = intl.formatMessage(mode === 'create' ? messages.create : messages.save);
    return (
        <Dialog
            id='oauth-app-form'
            title={title}
            onHide={onCancel}
            action={{label: submitLabel, onClick: onSubmit, busy, busyLabel: intl.formatMessage(messages.saving)}}
        >
            {errors.form && (
                <p
                    role='alert'
                    style={{color: 'var(--error-text)'}}
                >{errors.form}</p>
            )}
            {TEXT_FIELDS.map(({key, label, help, max, ...kind}) => {
                const id = `oauth-form-${key}`;
                const error = errors[key];
                const multiline = 'multiline' in kind;
                const required = 'required' in kind;
                const control = {
                    id,
                    className: 'form-control',
                    value: fields[key],
                    'aria-invalid': Boolean(error),
                    'aria-describedby': `${id}-help${error ? ` ${id}-error` : ''}${key === 'callbacks' ? ` ${id}-lint` : ''}`,
                    'aria-required': required,
                };
                const labelText = intl.formatMessage(label);
                return (
                    <div
                        key={key}
                        className={error ? 'form-group has-error' : 'form-group'}
                    >
                        <label
                            htmlFor={id}
                            className='control-label'
                        >{required ? intl.formatMessage(messages.required, {label: labelText}) : labelText}</label>
                        {multiline ? (
                            <textarea
                                {...control}
                                rows={key === 'callbacks' ? 3 : 2}
                                onChange={(e) => onChange({[key]: e.target.value})}
                            />
                        ) : (
                            <input
                                {...control}
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
                            className='help-text'
                        >{intl.formatMessage(help, {max})}</div>
                        {error && (
                            <div
                                id={`${id}-error`}
                                className='help-block'
                                style={{color: 'var(--error-text)'}}
                            >{error}</div>
                        )}
                        {key === 'callbacks' && (
                            <CallbackLint
                                id={`${id}-lint`}
                                callbacks={fields.callbacks}
                                options={lintOptions}
                            />
                        )}
                    </div>
                );
            })}
            {isSystemAdmin && (
                <div className='checkbox'>
                    <label>
                        <input
                            type='checkbox'
                            checked={fields.is_trusted}
                            onChange={(e) => onChange({is_trusted: e.target.checked})}
                        />
                        {intl.formatMessage(messages.trusted)}
                    </label>
                </div>
            )}
            {mode === 'create' && (
                <div className='checkbox'>
                    <label>
                        <input
                            type='checkbox'
                            checked={fields.is_public}
                            onChange={(e) => onChange({is_public: e.target.checked})}
                        />
                        {intl.formatMessage(messages.public)}
                    </label>
                </div>
            )}
        </Dialog>
    );
}
