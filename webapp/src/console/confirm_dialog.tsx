import React, {useEffect, useRef} from 'react';

import {button, dangerButton, section} from './styles';

type Props = {
    title: string;
    consequence: string;
    confirmLabel: string;
    busy: boolean;
    error?: string;
    onConfirm: () => void;
    onCancel: () => void;
};

// Asks before an action that breaks an integration, saying exactly what breaks.
export default function ConfirmDialog({title, consequence, confirmLabel, busy, error, onConfirm, onCancel}: Props) {
    const cancelRef = useRef<HTMLButtonElement>(null);
    useEffect(() => {
        cancelRef.current?.focus();
    }, []);
    return (
        <div
            role='alertdialog'
            aria-modal='true'
            aria-labelledby='oauth-confirm-title'
            aria-describedby='oauth-confirm-text'
            style={{...section, borderColor: 'var(--error-text)'}}
            onKeyDown={(e) => {
                if (e.key === 'Escape') {
                    onCancel();
                }
            }}
        >
            <h4 id='oauth-confirm-title'>{title}</h4>
            <p id='oauth-confirm-text'>{consequence}</p>
            {error && <p role='alert'>{error}</p>}
            <button
                ref={cancelRef}
                type='button'
                style={button}
                onClick={onCancel}
            >
                {'Cancel'}
            </button>
            <button
                type='button'
                style={dangerButton}
                onClick={onConfirm}
                disabled={busy}
            >
                {busy ? 'Working…' : confirmLabel}
            </button>
        </div>
    );
}
