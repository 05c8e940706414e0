import React from 'react';

import type {OAuthServerMetadata} from '../client/oauth_client';
import {DCR_SETTING, describeError, PROVIDER_SETTING} from '../store/messages';
import type {RequestState} from '../store/slice';

type Props = {
    metadata: {document: OAuthServerMetadata | null; providerEnabled: boolean | null};
    request: RequestState;
};

const row: React.CSSProperties = {margin: '4px 0'};

// The server's OAuth status, read from its RFC 8414 metadata document: 501
// means the provider is off; a registration_endpoint means DCR is on.
export default function StatusPanel({metadata, request}: Props) {
    if (request.status === 'failed' && request.error) {
        return <div role='alert'>{describeError(request.error, 'read the server\'s OAuth status')}</div>;
    }
    if (metadata.providerEnabled === null) {
        return <div aria-busy='true'>{'Checking the server\'s OAuth status…'}</div>;
    }
    const doc = metadata.document;
    return (
        <section aria-label='OAuth status'>
            <h4>{'Server OAuth status'}</h4>
            <div style={row}>
                {'OAuth 2.0 service provider: '}
                <strong>{metadata.providerEnabled ? 'on' : 'off'}</strong>
                {!metadata.providerEnabled && ` — turn it on in ${PROVIDER_SETTING}.`}
            </div>
            {metadata.providerEnabled && (
                <div style={row}>
                    {'Dynamic client registration: '}
                    <strong>{doc?.registration_endpoint ? 'on' : 'off'}</strong>
                    {!doc?.registration_endpoint && ` — to let clients register themselves, turn on ${DCR_SETTING}.`}
                </div>
            )}
            {doc && (
                <div style={row}>
                    {'Issuer: '}<code>{doc.issuer}</code>
                </div>
            )}
        </section>
    );
}
