// Layout only: colours come from the host's theme variables and classes
// (btn, form-control, table), so light and dark themes both work.
import type React from 'react';

const faint = 'rgba(var(--center-channel-color-rgb), 0.16)';

export const cell: React.CSSProperties = {padding: '6px 8px', borderBottom: `1px solid ${faint}`, verticalAlign: 'top', textAlign: 'left'};
export const badge: React.CSSProperties = {display: 'inline-block', padding: '0 6px', marginRight: 4, marginTop: 2, borderRadius: 4, fontSize: 11, fontWeight: 600, background: 'rgba(var(--center-channel-color-rgb), 0.08)', color: 'rgba(var(--center-channel-color-rgb), 0.72)'};
export const muted = 'rgba(var(--center-channel-color-rgb), 0.64)';

// Wrap anywhere: a name or URL with no spaces must not widen the table.
export const wrap: React.CSSProperties = {overflowWrap: 'anywhere', wordBreak: 'break-word'};
export const nowrap: React.CSSProperties = {whiteSpace: 'nowrap'};
