// Markdown for ephemeral posts: tables for lists, field lists for one app.
import type {AppSummary} from '../store/slice';

export const MASK = '••••••••';

// Text from the server goes into Markdown: neutralise what would break a table
// cell or turn a name into markup.
export function md(text: string): string {
    return text.replace(/\\/g, '\\\\').replace(/([|*_`~[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

export function date(ms: number): string {
    return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

export const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');

export const appType = (app: AppSummary) => (app.is_public ? 'Public' : 'Confidential');

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

export function creatorName(app: AppSummary, usernames: Record<string, string>): string {
    if (!app.creator_id) {
        return app.is_dynamically_registered ? 'dynamic registration' : '—';
    }
    const username = usernames[app.creator_id];
    return username ? '@' + username : code(app.creator_id);
}

export function appFields(app: AppSummary, usernames: Record<string, string>, secretLine: string): Array<[string, string]> {
    return [
        ['Client ID', code(app.id)],
        ['Client secret', secretLine],
        ['Type', appType(app) + (app.is_public ? ' (no secret; must use PKCE with S256)' : '')],
        ['Trusted', yesNo(app.is_trusted) + (app.is_trusted ? ' (users are not asked for consent)' : '')],
        ['Dynamically registered', yesNo(app.is_dynamically_registered)],
        ['Homepage', app.homepage ? md(app.homepage) : '—'],
        ['Description', app.description ? md(app.description) : '—'],
        ['Icon URL', app.icon_url ? md(app.icon_url) : '—'],
        ['Callback URLs', app.callback_urls.map((u) => code(u)).join(', ') || '—'],
        ['Created by', creatorName(app, usernames)],
        ['Created', date(app.create_at)],
        ['Updated', date(app.update_at)],
    ];
}

export function appsTable(apps: AppSummary[], usernames: Record<string, string>): string {
    return table(
        ['Name', 'Client ID', 'Type', 'Trusted', 'DCR', 'Creator', 'Callback URLs', 'Created'],
        apps.map((a) => [
            md(a.name),
            code(a.id),
            appType(a),
            yesNo(a.is_trusted),
            yesNo(a.is_dynamically_registered),
            creatorName(a, usernames),
            a.callback_urls.map((u) => md(u)).join(', '),
            date(a.create_at).slice(0, 10),
        ]),
    );
}

export const SECRET_WARNING = 'Copy it now and store it safely: it is shown here to you only, in this message that disappears on reload. Anyone with it can act as the app.';
