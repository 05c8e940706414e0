// The redirect-URI lint of the callback URLs being typed, under the field: each
// finding as plain text (React escapes it; nothing here is HTML or Markdown).
import React, {useMemo} from 'react';
import {defineMessages, useIntl} from 'react-intl';

import {splitLines} from './use_app_form';

import {findingMessage} from '../lint/messages';
import {lint, type LintOptions} from '../lint/redirect_uri';

const messages = defineMessages({
    title: {id: 'oauth-manager.console.form.lint_title', defaultMessage: 'Redirect URI check'},
    finding: {id: 'oauth-manager.console.form.lint_finding', defaultMessage: '{severity}: {uri}: {message}'},
    error: {id: 'oauth-manager.console.form.lint_error', defaultMessage: 'Error'},
    warning: {id: 'oauth-manager.console.form.lint_warning', defaultMessage: 'Warning'},
});

// What the lint knows without the server's settings: no allowlist, no version.
export const NO_LINT_OPTIONS: LintOptions = {allowlist: [], serverVersion: ''};

type Props = {
    id: string;
    callbacks: string;
    options: LintOptions;
};

export default function CallbackLint({id, callbacks, options}: Props) {
    const intl = useIntl();
    const findings = useMemo(() => lint(splitLines(callbacks), options), [callbacks, options]);
    return (
        <div
            id={id}
            aria-live='polite'
        >
            {findings.length > 0 && (
                <>
                    <div className='help-text'>{intl.formatMessage(messages.title)}</div>
                    <ul
                        className='help-text'
                        aria-label={intl.formatMessage(messages.title)}
                    >
                        {findings.map((f) => (
                            <li
                                key={`${f.index}-${f.code}-${f.args.reason ?? ''}-${f.args.other ?? ''}`}
                                style={f.severity === 'error' ? {color: 'var(--error-text)'} : undefined}
                            >
                                {intl.formatMessage(messages.finding, {
                                    severity: intl.formatMessage(f.severity === 'error' ? messages.error : messages.warning),
                                    uri: f.uri,
                                    message: intl.formatMessage(findingMessage(f), f.args),
                                })}
                            </li>
                        ))}
                    </ul>
                </>
            )}
        </div>
    );
}
