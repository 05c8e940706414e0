import React from 'react';

import type {OAuthServerMetadata} from '../client/oauth_client';
import {DCR_SETTING, describeError, ISSUER_DIFFERS, ISSUER_MATCHES, issuerMatches, PROVIDER_SETTING} from '../store/messages';
import type {RequestState} from '../store/slice';

type Props = {
    metadata: {document: OAuthServerMetadata | null; providerEnabled: boolean | null};
    request: RequestState;

    // The address this admin reached the server at.
    pageURL: string;
};

const row: React.CSSProperties = {margin: '4px 0'};

// The server's OAuth status, read from its RFC 8414 metadata document: 501
// means the provider is off; a registration_endpoint means DCR is on.
export default function StatusPanel({metadata, request, pageURL}: Props) {
    let body: React.ReactNode;
    if (request.status === 'failed' && request.error) {
        body = <div role='alert'>{describeError(request.error, 'read the server\'s OAuth status')}</div>;
    } else if (metadata.providerEnabled === null) {
        body = <div aria-busy='true'>{'Checking the server\'s OAuth status…'}</div>;
    } else {
        const doc = metadata.document;
        body = (
            <>
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
                        {issuerMatches(doc.issuer, pageURL) ? ` ${ISSUER_MATCHES}.` : ` differs from ${pageURL}, the address you reached this server at. ${ISSUER_DIFFERS}`}
                    </div>
                )}
                {doc && (
                    <details>
                        <summary>{'Metadata document (/.well-known/oauth-authorization-server)'}</summary>
                        <pre style={{whiteSpace: 'pre-wrap'}}>{JSON.stringify(doc, null, 2)}</pre>
                    </details>
                )}
            </>
        );
    }
    return (
        <div
            role='region'
            aria-label='OAuth status'
        >
            {body}
        </div>
    );
}
