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
            cancelRef={cancelRef}
            action={{label: confirmLabel, onClick: onConfirm, busy, busyLabel: intl.formatMessage(common.working), danger: true}}
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
