import React, {useEffect, useRef, useState} from 'react';
import {defineMessages, useIntl} from 'react-intl';

import {copyText} from './clipboard';

const messages = defineMessages({
    copy: {id: 'oauth-manager.console.copy.copy', defaultMessage: 'Copy'},
    copied: {id: 'oauth-manager.console.copy.copied', defaultMessage: 'Copied'},
    failed: {id: 'oauth-manager.console.copy.failed', defaultMessage: 'Copy failed: select the text and copy it'},
});

type Props = {
    label: string;

    // The text, or a way to get it (a secret is fetched only when copied).
    text: string | (() => Promise<string>);
};

// The result is said aloud too: the live region is announced by screen readers.
export default function CopyButton({label, text}: Props) {
    const intl = useIntl();
    const [done, setDone] = useState<'' | 'copied' | 'failed'>('');
    const timer = useRef<ReturnType<typeof setTimeout>>();
    useEffect(() => () => clearTimeout(timer.current), []);
    const copy = async () => {
        try {
            await copyText(typeof text === 'string' ? text : await text());
            setDone('copied');
        } catch {
            setDone('failed');
        }
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setDone(''), 2000);
    };
    return (
        <>
            <button
                type='button'
                className='btn btn-sm btn-tertiary'
                onClick={copy}
                aria-label={label}
            >
                <i
                    className='icon icon-content-copy'
                    aria-hidden='true'
                />
                {done === 'copied' ? intl.formatMessage(messages.copied) : intl.formatMessage(messages.copy)}
            </button>
            <span
                role='status'
                className={done === 'failed' ? undefined : 'sr-only'}
                style={done === 'failed' ? {color: 'var(--error-text)'} : undefined}
            >{done && intl.formatMessage(messages[done])}</span>
        </>
    );
}
