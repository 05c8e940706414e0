// The console's plain tables (DCR clients, the prune's plan, the import's dry
// run and result): a fixed layout, so long names and ids wrap instead of
// widening the section, and column headers with their widths.
import React from 'react';

import {cell} from './styles';

// A column's header and its width (a percentage); without one it takes the rest.
export type Column = {label: string; width?: string};

type Props = {
    label: string;

    // Columns left out (false) are not shown, as their cells are not.
    columns: Array<Column | false>;
    children: React.ReactNode;
};

export default function FixedTable({label, columns, children}: Props) {
    return (
        <table
            aria-label={label}
            className='table'
            style={{width: '100%', tableLayout: 'fixed'}}
        >
            <thead>
                <tr>
                    {columns.filter((c): c is Column => Boolean(c)).map((c) => (
                        <th
                            key={c.label}
                            scope='col'
                            style={c.width ? {...cell, width: c.width} : cell}
                        >{c.label}</th>
                    ))}
                </tr>
            </thead>
            <tbody>{children}</tbody>
        </table>
    );
}
