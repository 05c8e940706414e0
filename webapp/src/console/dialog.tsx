// Every dialog of the console is the host's react-bootstrap Modal
// (window.ReactBootstrap): the host's look, a focus trap, focus given back on
// close, Escape and the close button dismiss it. Only the compound API that
// the 11.x fork and React 19 releases share is used.
import React from 'react';
import {Modal} from 'react-bootstrap';
import {defineMessages, useIntl} from 'react-intl';

import {common} from './common_messages';

const messages = defineMessages({
    close: {id: 'oauth-manager.console.dialog.close', defaultMessage: 'Close'},
});

// The dialog's one action beside Cancel (which hides it, as Escape does).
type Action = {label: string; onClick: () => void; busy?: boolean; busyLabel?: string; danger?: boolean};

type Props = {
    id: string;
    title: React.ReactNode;
    describedBy?: string;
    onHide: () => void;

    // Called once the dialog is shown: the place to move focus to a control.
    onEntered?: () => void;
    footer?: React.ReactNode;
    action?: Action;
    cancelRef?: React.Ref<HTMLButtonElement>;
    children: React.ReactNode;
};

export default function Dialog({id, title, describedBy, onHide, onEntered, footer, action, cancelRef, children}: Props) {
    const intl = useIntl();
    const titleId = `${id}-title`;
    return (
        <Modal
            show={true}
            onHide={onHide}
            onEntered={onEntered}
            aria-labelledby={titleId}
            aria-describedby={describedBy}
            dialogClassName='a11y__modal'
        >
            <Modal.Header
                closeButton={true}
                closeLabel={intl.formatMessage(messages.close)}
            >
                <Modal.Title id={titleId}>{title}</Modal.Title>
            </Modal.Header>
            <Modal.Body>{children}</Modal.Body>
            <Modal.Footer>
                {footer}
                {action && (
                    <>
                        <button
                            ref={cancelRef}
                            type='button'
                            className='btn btn-tertiary'
                            onClick={onHide}
                        >{intl.formatMessage(common.cancel)}</button>
                        <button
                            type='button'
                            className={action.danger ? 'btn btn-danger' : 'btn btn-primary'}
                            disabled={action.busy}
                            onClick={action.onClick}
                        >{action.busy && action.busyLabel ? action.busyLabel : action.label}</button>
                    </>
                )}
            </Modal.Footer>
        </Modal>
    );
}
