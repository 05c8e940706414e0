// One block of the plugin's console page, drawn as the console draws its own
// setting sections (the host's classes), with a region named by its title.
import React from 'react';

export default function ConsoleSection({title, subtitle, children}: {title: string; subtitle?: string; children: React.ReactNode}) {
    return (
        <div
            className='config-section'
            role='region'
            aria-label={title}
        >
            <div className='section-header'>
                <div className='section-title'>{title}</div>
                {subtitle && <div className='section-subtitle'>{subtitle}</div>}
            </div>
            <div
                className='section-body'
                style={{padding: 24}}
            >{children}</div>
        </div>
    );
}
