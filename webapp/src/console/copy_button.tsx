import React, {useState} from 'react';

import {button} from './styles';

type Props = {
    label: string;

    // The text, or a way to get it (a secret is fetched only when copied).
    text: string | (() => Promise<string>);
    style?: React.CSSProperties;
};

export default function CopyButton({label, text, style = button}: Props) {
    const [done, setDone] = useState<'' | 'Copied' | 'Copy failed'>('');
    const copy = async () => {
        try {
            const value = typeof text === 'string' ? text : await text();
            await navigator.clipboard.writeText(value);
            setDone('Copied');
        } catch {
            setDone('Copy failed');
        }
        setTimeout(() => setDone(''), 2000);
    };
    return (
        <button
            type='button'
            style={style}
            onClick={copy}
            aria-label={label}
        >
            {done || 'Copy'}
        </button>
    );
}
