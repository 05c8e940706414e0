import React, {useRef} from 'react';
import {useIntl} from 'react-intl';

import {common} from './common_messages';
import Dialog from './dialog';

type Props = {
    title: string;
    consequence: string;
    confirmLabel: string;
    busy: boolean;
    error?: string;
    onConfirm: () => void;
    onCancel: () => void;
};

// Asks before an action that breaks an integration, saying exactly what
// breaks. Focus starts on Cancel, the safe choice.
export default function ConfirmDialog({title, consequence, confirmLabel, busy, error, onConfirm, onCancel}: Props) {
    const intl = useIntl();
    const cancelRef = useRef<HTMLButtonElement>(null);
    return (
        <Dialog
            id='oauth-confirm'
            title={title}
            describedBy='oauth-confirm-text'
            onHide={onCancel}
            onEntered={() => cancelRef.current?.focus()}
            footer={(
                <>
                    <button
                        ref={cancelRef}
                        type='button'
                        className='btn btn-tertiary'
                        onClick={onCancel}
                    >{intl.formatMessage(common.cancel)}</button>
                    <button
                        type='button'
                        className='btn btn-danger'
                        onClick={onConfirm}
                        disabled={busy}
                    >{busy ? intl.formatMessage(common.working) : confirmLabel}</button>
                </>
            )}
        >
            <p id='oauth-confirm-text'>{consequence}</p>
            {error && (
                <p
                    role='alert'
                    style={{color: 'var(--error-text)'}}
                >{error}</p>
            )}
        </Dialog>
    );
}
