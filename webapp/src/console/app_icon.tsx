// An app's icon. Its URL is the app author's choice (anyone can register an
// app), so the admin's browser never fetches it directly: the image comes
// through the server's image proxy when that is on; otherwise a placeholder
// stands in. The URL is always shown as text.
import React from 'react';
import {defineMessages, useIntl} from 'react-intl';

import {muted} from './styles';

const messages = defineMessages({
    placeholder: {id: 'oauth-manager.console.icon.placeholder', defaultMessage: 'icon'},
    notLoaded: {id: 'oauth-manager.console.icon.not_loaded', defaultMessage: 'Not loaded: the image proxy is off (System Console > Environment > Image Proxy)'},
});

type Props = {
    url: string;

    // The proxy route to append the encoded URL to, when the proxy is on.
    proxy?: string;
};

const box: React.CSSProperties = {width: 32, height: 32, borderRadius: 4, flex: 'none', objectFit: 'contain'};

export default function AppIcon({url, proxy}: Props) {
    const intl = useIntl();
    if (!url) {
        return <>{'—'}</>;
    }
    return (
        <span style={{display: 'flex', alignItems: 'center', gap: 8}}>
            {proxy ? (
                <img
                    src={proxy + encodeURIComponent(url)}
                    alt=''
                    style={box}
                    referrerPolicy='no-referrer'
                />
            ) : (
                <span
                    style={{...box, border: `1px dashed ${muted}`, display: 'inline-flex', alignItems: 'center', justifyContent: 'center', color: muted, fontSize: 10}}
                    title={intl.formatMessage(messages.notLoaded)}
                >{intl.formatMessage(messages.placeholder)}</span>
            )}
            <span>{url}</span>
        </span>
    );
}
