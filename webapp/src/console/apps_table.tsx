import React from 'react';

import type {AppSummary} from '../store/slice';

type Props = {
    apps: AppSummary[];
};

const cell: React.CSSProperties = {padding: '6px 8px', borderBottom: '1px solid rgba(var(--center-channel-color-rgb), 0.08)', verticalAlign: 'top'};

function yesNo(value: boolean | undefined) {
    return value ? 'Yes' : 'No';
}

export default function AppsTable({apps}: Props) {
    if (apps.length === 0) {
        return <p>{'No OAuth apps you can manage yet.'}</p>;
    }
    return (
        <table
            aria-label='OAuth apps'
            style={{width: '100%', borderCollapse: 'collapse', color: 'var(--center-channel-color)'}}
        >
            <thead>
                <tr>
                    {['Name', 'Client ID', 'Type', 'Trusted', 'DCR', 'Callback URLs', 'Created'].map((h) => (
                        <th
                            key={h}
                            scope='col'
                            style={{...cell, textAlign: 'left'}}
                        >{h}</th>
                    ))}
                </tr>
            </thead>
            <tbody>
                {apps.map((app) => (
                    <tr key={app.id}>
                        <td style={cell}>{app.name}</td>
                        <td style={cell}><code>{app.id}</code></td>
                        <td style={cell}>{app.is_public ? 'Public' : 'Confidential'}</td>
                        <td style={cell}>{yesNo(app.is_trusted)}</td>
                        <td style={cell}>{yesNo(app.is_dynamically_registered)}</td>
                        <td style={cell}>{app.callback_urls.map((u) => <div key={u}>{u}</div>)}</td>
                        <td style={cell}>{new Date(app.create_at).toISOString().slice(0, 10)}</td>
                    </tr>
                ))}
            </tbody>
        </table>
    );
}
