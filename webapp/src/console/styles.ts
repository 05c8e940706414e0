// Inline styles on the host's theme variables, so light and dark themes both work.
import type React from 'react';

export const muted = 'rgba(var(--center-channel-color-rgb), 0.64)';
export const border = '1px solid rgba(var(--center-channel-color-rgb), 0.16)';

export const section: React.CSSProperties = {margin: '16px 0', padding: 16, border, borderRadius: 4, background: 'var(--center-channel-bg)', color: 'var(--center-channel-color)'};

export const button: React.CSSProperties = {padding: '4px 10px', marginRight: 6, border, borderRadius: 4, background: 'transparent', color: 'var(--button-bg)', cursor: 'pointer'};
export const primaryButton: React.CSSProperties = {...button, background: 'var(--button-bg)', color: 'var(--button-color)', border: '1px solid var(--button-bg)'};
export const dangerButton: React.CSSProperties = {...button, background: 'var(--error-text)', color: '#fff', border: '1px solid var(--error-text)'};

export const input: React.CSSProperties = {padding: '4px 8px', border, borderRadius: 4, background: 'var(--center-channel-bg)', color: 'var(--center-channel-color)'};

export const errorText: React.CSSProperties = {color: 'var(--error-text)', margin: '4px 0'};
export const cell: React.CSSProperties = {padding: '6px 8px', borderBottom: border, verticalAlign: 'top', textAlign: 'left'};
export const badge: React.CSSProperties = {display: 'inline-block', padding: '0 6px', marginRight: 4, marginTop: 2, borderRadius: 4, fontSize: 11, fontWeight: 600, background: 'rgba(var(--center-channel-color-rgb), 0.08)', color: 'rgba(var(--center-channel-color-rgb), 0.72)'};
