// Markdown for ephemeral posts: tables for lists, field lists for one app.
import {mdCellCode, mdCode, mdText} from './markdown';

import {creatorLabel, date, typeLabel} from '../store/labels';
import type {AppSummary} from '../store/slice';

export {MASK} from '../store/labels';

// Every server-originated string goes through markdown.ts: md for text and
// table cells, code for code spans (cellCode inside a table).
export const md = mdText;
export const code = mdCode;
export const cellCode = mdCellCode;

export const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');

export function table(headers: string[], rows: string[][]): string {
    return [
        `| ${headers.join(' | ')} |`,
        `|${headers.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
}

export function fieldList(title: string, fields: Array<[string, string]>): string {
    return [`#### ${title}`, ...fields.map(([k, v]) => `- **${k}**: ${v}`)].join('\n');
}

export function creatorName(app: AppSummary, usernames: Record<string, string>, currentUserId: string): string {
    const label = creatorLabel(app, usernames, currentUserId);
    return label === app.creator_id ? code(label) : md(label);
}

export function appFields(app: AppSummary, usernames: Record<string, string>, me: string, secretLine: string): Array<[string, string]> {
    return [
        ['Client ID', code(app.id)],
        ['Client secret', secretLine],
        ['Type', typeLabel(app) + (app.is_public === true ? ' (no secret; must use PKCE with S256)' : '')],
        ['Trusted', yesNo(app.is_trusted) + (app.is_trusted ? ' (users are not asked for consent)' : '')],
        ['Dynamically registered', yesNo(app.is_dynamically_registered)],
        ['Homepage', app.homepage ? md(app.homepage) : '—'],
        ['Description', app.description ? md(app.description) : '—'],
        ['Icon URL', app.icon_url ? md(app.icon_url) : '—'],
        ['Callback URLs', app.callback_urls.map((u) => code(u)).join(', ') || '—'],
        ['Created by', creatorName(app, usernames, me)],
        ['Created', date(app.create_at)],
        ['Updated', date(app.update_at)],
    ];
}

export function appsTable(apps: AppSummary[], usernames: Record<string, string>, me: string): string {
    return table(
        ['Name', 'Client ID', 'Type', 'Trusted', 'DCR', 'Creator', 'Callback URLs', 'Created'],
        apps.map((a) => [
            md(a.name),
            cellCode(a.id),
            typeLabel(a),
            yesNo(a.is_trusted),
            yesNo(a.is_dynamically_registered),
            creatorName(a, usernames, me),
            a.callback_urls.map((u) => md(u)).join(', '),
            date(a.create_at).slice(0, 10),
        ]),
    );
}

export const SECRET_WARNING = 'Copy it now and store it safely: it is shown here to you only, in this message that disappears on reload. Anyone with it can act as the app.';
