// The governance side of the plugin on a real server (docs/governance.md): its
// settings, its routes, the bot's posts in the audit channel, and the kinds of
// change the trail must report. Shared by governance.e2e.test.ts and
// cluster.e2e.test.ts; every helper takes the server's URL, so the same calls
// reach either of two servers.
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gunzipSync, inflateSync} from 'node:zlib';

import {Client4} from '@mattermost/client';
import type {Channel} from '@mattermost/types/channels';
import type {AdminConfig} from '@mattermost/types/config';
import type {OAuthApp} from '@mattermost/types/integrations';

// psql against the test server's database, for reads larger than env.ts's sql() allows.
export function psql(query: string): string {
    return execFileSync('psql', [process.env.E2E_PG!, '-tAc', query], {encoding: 'utf8', maxBuffer: 512 * 1024 * 1024});
}

export const PLUGIN_ID = 'oauth-manager';
const API = `/plugins/${PLUGIN_ID}/api/v1`;

// props.oauth_manager of a bot post.
export type Governance = {
    type: 'trail_started' | 'app_created' | 'app_changed' | 'app_deleted' | 'dcr_registered' | 'owner_left' | 'secret_summary' | 'prune';
    event_id: string;
    apps?: number;
    app_id?: string;
    app_ids?: string[];
    count?: number;
    fields?: string[];
    via?: 'plugin' | 'outside';
    actor_id?: string;
    user_id?: string;
    scheduled?: boolean;
    deleted?: string[];
    skipped?: string[];
    failed?: string[];
};

export type AuditPost = {id: string; user_id: string; create_at: number; message: string; props: {oauth_manager?: Governance}};

export function client(siteURL: string, token: string): Client4 {
    const c = new Client4();
    c.setUrl(siteURL);
    c.setToken(token);
    return c;
}

// A plugin route: status and parsed JSON (null for an empty body).
export async function route<T = Record<string, unknown>>(siteURL: string, token: string, method: string, path: string, body?: unknown): Promise<{status: number; body: T}> {
    const response = await fetch(`${siteURL}${API}${path}`, {
        method,
        headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {status: response.status, body: (text ? JSON.parse(text) : null) as T};
}

export type TrailRun = {ran: boolean; events: number; posted: number};

export async function runTrail(siteURL: string, token: string): Promise<TrailRun> {
    const {status, body} = await route<TrailRun & {message?: string}>(siteURL, token, 'POST', '/trail/run');
    if (status !== 200) {
        throw new Error(`POST /trail/run on ${siteURL}: HTTP ${status} ${JSON.stringify(body)}`);
    }
    return body;
}

// The plugin's settings as the server stores them (keys lower-cased), merged
// into what is there, through PUT /api/v4/config on that server.
export async function setPluginSettings(siteURL: string, token: string, settings: Record<string, unknown>) {
    const admin = client(siteURL, token);
    const config = await admin.getConfig() as AdminConfig;
    const plugins = (config.PluginSettings.Plugins ?? {}) as Record<string, Record<string, unknown>>;
    const lowered = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k.toLowerCase(), v]));
    plugins[PLUGIN_ID] = {...(plugins[PLUGIN_ID] ?? {}), ...lowered};
    config.PluginSettings.Plugins = plugins as AdminConfig['PluginSettings']['Plugins'];
    await admin.updateConfig(config);
}

// The plugin's stored settings, to put back after a test changed them.
export async function getPluginSettings(siteURL: string, token: string): Promise<Record<string, unknown>> {
    const config = await client(siteURL, token).getConfig() as AdminConfig;
    return {...((config.PluginSettings.Plugins ?? {}) as Record<string, Record<string, unknown>>)[PLUGIN_ID]};
}

export async function putPluginSettings(siteURL: string, token: string, settings: Record<string, unknown>) {
    const admin = client(siteURL, token);
    const config = await admin.getConfig() as AdminConfig;
    config.PluginSettings.Plugins = {...config.PluginSettings.Plugins, [PLUGIN_ID]: settings} as AdminConfig['PluginSettings']['Plugins'];
    await admin.updateConfig(config);
}

export async function createAuditChannel(siteURL: string, token: string, teamId: string, name: string): Promise<Channel> {
    return client(siteURL, token).createChannel({team_id: teamId, name, display_name: `Audit ${name}`, type: 'O'} as Channel);
}

// Every post of the channel that carries props.oauth_manager, oldest first.
export async function auditPosts(siteURL: string, token: string, channelId: string): Promise<AuditPost[]> {
    const all: AuditPost[] = [];
    for (let page = 0; ; page++) {
        // eslint-disable-next-line no-await-in-loop
        const response = await fetch(`${siteURL}/api/v4/channels/${channelId}/posts?page=${page}&per_page=200`, {headers: {Authorization: `Bearer ${token}`}});
        if (response.status !== 200) {
            throw new Error(`reading the posts of ${channelId}: HTTP ${response.status}`);
        }
        // eslint-disable-next-line no-await-in-loop
        const list = await response.json() as {order: string[]; posts: Record<string, AuditPost>};
        all.push(...list.order.map((id) => list.posts[id]));
        if (list.order.length < 200) {
            break;
        }
    }
    return all.filter((p) => p.props?.oauth_manager).sort((a, b) => a.create_at - b.create_at);
}

// The bot's posts as Markdown, for review (e2e/artifacts/<name>).
export function writeAuditArtifact(name: string, list: AuditPost[]) {
    const dir = join(__dirname, '..', 'artifacts');
    mkdirSync(dir, {recursive: true});
    const sections = list.map((p) => `${p.props.oauth_manager!.type}\n\n\`\`\`\`markdown\n${p.message}\n\`\`\`\``);
    writeFileSync(join(dir, name), sections.join('\n\n') + '\n');
}

// Every app id a governance post is about.
export function appsOf(g: Governance): string[] {
    return [g.app_id ?? '', ...(g.app_ids ?? []), ...(g.deleted ?? []), ...(g.skipped ?? []), ...(g.failed ?? [])].filter(Boolean);
}

// The posts about one app: [type, ...] in order.
export const eventsFor = (posts: AuditPost[], appId: string) => posts.filter((p) => appsOf(p.props.oauth_manager!).includes(appId));

// Polls `probe` until it returns a value (not undefined) or the deadline passes.
export async function until<T>(what: string, probe: () => Promise<T | undefined>, {timeoutMs = 20_000, intervalMs = 250} = {}): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const value = await probe();
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}

// POST /api/v4/commands/execute, as mobile apps and REST callers reach the Go half.
export async function command(siteURL: string, token: string, where: {channelId: string; teamId: string}, text: string): Promise<string> {
    const response = await client(siteURL, token).executeCommand(text, {channel_id: where.channelId, team_id: where.teamId} as Parameters<Client4['executeCommand']>[1]);
    return response.text ?? '';
}

export type Registered = {client_id: string; client_secret?: string; client_name: string; redirect_uris: string[]};

// RFC 7591 registration, anonymous, as an MCP client does it; retried when the
// server's DCR rate limit answers 429.
export async function registerClient(siteURL: string, name: string, redirectUri: string): Promise<Registered> {
    for (let attempt = 0; ; attempt++) {
        // eslint-disable-next-line no-await-in-loop
        const response = await fetch(`${siteURL}/api/v4/oauth/apps/register`, {
            method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({client_name: name, redirect_uris: [redirectUri]}),
        });
        if (response.status === 201) {
            return response.json() as Promise<Registered>;
        }
        if (response.status !== 429 || attempt > 20) {
            // eslint-disable-next-line no-await-in-loop
            throw new Error(`DCR registration of ${name}: HTTP ${response.status} ${await response.text()}`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, 600));
    }
}

// Whether an app still exists, read as a system admin.
export async function exists(siteURL: string, token: string, appId: string): Promise<boolean> {
    const response = await fetch(`${siteURL}/api/v4/oauth/apps/${appId}`, {headers: {Authorization: `Bearer ${token}`}});
    if (response.status === 200) {
        return true;
    }
    if (response.status === 404) {
        return false;
    }
    throw new Error(`GET app ${appId}: HTTP ${response.status}`);
}

// The value of "**Label**: `value`" in a chat answer.
export function field(text: string, label: string): string {
    const match = text.match(new RegExp(`\\*\\*${label}\\*\\*: \`([^\`]+)\``));
    if (!match) {
        throw new Error(`no ${label} in the answer:\n${text}`);
    }
    return match[1];
}

// The plugin's KV store as stored, each value decoded when it is compressed,
// so a scan for a secret cannot miss one hidden by gzip or zlib.
export function pluginKV(): Array<{key: string; value: string}> {
    const rows = psql(`SELECT encode(convert_to(pkey, 'UTF8'), 'hex') || ':' || coalesce(encode(pvalue, 'hex'), '') FROM pluginkeyvaluestore WHERE pluginid = '${PLUGIN_ID}'`).split('\n').filter(Boolean);
    return rows.map((row) => {
        const [keyHex, hex] = row.split(':');
        const key = Buffer.from(keyHex, 'hex').toString('utf8');
        const raw = Buffer.from(hex, 'hex');
        let value = raw;
        if (raw[0] === 0x1f && raw[1] === 0x8b) {
            value = gunzipSync(raw);
        } else if (raw[0] === 0x78) {
            try {
                value = inflateSync(raw);
            } catch {
                value = raw;
            }
        }
        return {key, value: value.toString('latin1')};
    });
}

export const secretsOf = (apps: Array<Partial<OAuthApp> | Registered>) => apps.map((a) => a.client_secret).filter((s): s is string => Boolean(s));
