import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import type {OAuthServerMetadata} from '../client/oauth_client';
import {ACTIONS, DCR_SETTING, describeError, issuerDiffers, ISSUER_MATCHES, issuerMatches, PROVIDER_SETTING} from '../store/messages';
import type {RequestState} from '../store/slice';

const messages = defineMessages({
    region: {id: 'oauth-manager.console.status.region', defaultMessage: 'OAuth status'},
    checking: {id: 'oauth-manager.console.status.checking', defaultMessage: 'Checking the server\'s OAuth status…'},
    provider: {id: 'oauth-manager.console.status.provider', defaultMessage: 'OAuth 2.0 service provider:'},
    dcr: {id: 'oauth-manager.console.status.dcr', defaultMessage: 'Dynamic client registration:'},
    on: {id: 'oauth-manager.console.status.on', defaultMessage: 'on'},
    off: {id: 'oauth-manager.console.status.off', defaultMessage: 'off'},
    providerOff: {id: 'oauth-manager.console.status.provider_off', defaultMessage: '— turn it on in {setting}.'},
    dcrOff: {id: 'oauth-manager.console.status.dcr_off', defaultMessage: '— to let clients register themselves, turn on {setting}.'},
    issuer: {id: 'oauth-manager.console.status.issuer', defaultMessage: 'Issuer:'},
    issuerMatches: {id: 'oauth-manager.console.status.issuer_matches', defaultMessage: '{matches}.'},
    issuerDiffers: {id: 'oauth-manager.console.status.issuer_differs', defaultMessage: 'differs from {page}, the address you reached this server at. {advice}'},
    document: {id: 'oauth-manager.console.status.document', defaultMessage: 'Metadata document (/.well-known/oauth-authorization-server)'},
});

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
    const intl = useIntl();
    const t = (key: keyof typeof messages, values?: Record<string, string>) => intl.formatMessage(messages[key], values);
    let body: React.ReactNode;
    if (request.status === 'failed' && request.error) {
        body = <div role='alert'>{describeError(intl, request.error, intl.formatMessage(ACTIONS.readMetadata))}</div>;
    } else if (metadata.providerEnabled === null) {
        body = <div aria-busy='true'>{t('checking')}</div>;
    } else {
        const doc = metadata.document;
        body = (
            <>
                <div style={row}>
                    {t('provider')}{' '}
                    <strong>{t(metadata.providerEnabled ? 'on' : 'off')}</strong>
                    {!metadata.providerEnabled && <>{' '}{t('providerOff', {setting: intl.formatMessage(PROVIDER_SETTING)})}</>}
                </div>
                {metadata.providerEnabled && (
                    <div style={row}>
                        {t('dcr')}{' '}
                        <strong>{t(doc?.registration_endpoint ? 'on' : 'off')}</strong>
                        {!doc?.registration_endpoint && <>{' '}{t('dcrOff', {setting: intl.formatMessage(DCR_SETTING)})}</>}
                    </div>
                )}
                {doc && (
                    <div style={row}>
                        {t('issuer')}{' '}<code>{doc.issuer}</code>{' '}
                        {issuerMatches(doc.issuer, pageURL) ? t('issuerMatches', {matches: intl.formatMessage(ISSUER_MATCHES)}) : t('issuerDiffers', {page: pageURL, advice: issuerDiffers(intl)})}
                    </div>
                )}
                {doc && (
                    <details>
                        <summary>{t('document')}</summary>
                        <pre style={{whiteSpace: 'pre-wrap'}}>{JSON.stringify(doc, null, 2)}</pre>
                    </details>
                )}
            </>
        );
    }
    return (
        <div
            role='region'
            aria-label={t('region')}
        >
            {body}
        </div>
    );
}
