// The create/edit form where the web app's form cannot open (mobile, REST):
// `/oauth create` and `/oauth edit APP` without options open an interactive
// dialog; its submissions come back through the server to the plugin as the
// submitter. Seen as a client sees it: the open_dialog event on the websocket.
import WebSocket from 'ws';

import type {OAuthApp} from '@mattermost/types/integrations';

import {clientAs, loadEnv, sql} from '../lib/env';

const env = loadEnv();
const dev = clientAs(env, 'dev');
const tag = Date.now().toString(36);

type Element = {name: string; type: string; default: string; max_length: number; optional: boolean};
type OpenDialog = {url: string; dialog: {callback_id: string; title: string; elements: Element[]; state: string}};
type Event = {event?: string; data?: Record<string, string>};

let socket: WebSocket;
const events: Event[] = [];

beforeAll(async () => {
    socket = new WebSocket(`${env.siteURL.replace(/^http/, 'ws')}/api/v4/websocket`);
    await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
    });
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as Event));
    socket.send(JSON.stringify({seq: 1, action: 'authentication_challenge', data: {token: env.users.dev.token}}));
    await waitFor((e) => e.event === 'hello');
});

afterAll(async () => {
    socket.close();
    const apps = await dev.getOAuthApps(0, 200);
    await Promise.all(apps.filter((a) => a.name.endsWith(tag)).map((a) => dev.deleteOAuthApp(a.id)));
});

async function waitFor(match: (e: Event) => boolean, timeoutMs = 10000): Promise<Event> {
    const start = Date.now();
    for (;;) {
        const found = events.find(match);
        if (found) {
            events.splice(events.indexOf(found), 1);
            return found;
        }
        if (Date.now() - start > timeoutMs) {
            throw new Error(`no such websocket event within ${timeoutMs} ms; saw: ${events.map((e) => e.event).join(', ')}`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

async function openDialog(command: string): Promise<OpenDialog> {
    const response = await dev.executeCommand(command, {channel_id: env.channelId, team_id: env.teamId} as Parameters<typeof dev.executeCommand>[1]);
    expect(response.text ?? '').toBe('');
    const event = await waitFor((e) => e.event === 'open_dialog');
    return JSON.parse(event.data!.dialog) as OpenDialog;
}

function submit(open: OpenDialog, submission: Record<string, unknown>) {
    return dev.submitInteractiveDialog({
        url: open.url,
        callback_id: open.dialog.callback_id,
        state: open.dialog.state,
        submission,
        user_id: env.users.dev.id,
        channel_id: env.channelId,
        team_id: env.teamId,
        cancelled: false,
    } as unknown as Parameters<typeof dev.submitInteractiveDialog>[0]) as Promise<{errors?: Record<string, string>}>;
}

describe('/oauth create without options on mobile', () => {
    let open: OpenDialog;

    test('opens a dialog with the web form\'s fields and limits', async () => {
        open = await openDialog('/oauth create');
        expect(open.dialog.title).toBe('Create an OAuth app');
        const byName = Object.fromEntries(open.dialog.elements.map((e) => [e.name, e]));
        expect(Object.keys(byName)).toEqual(['name', 'description', 'homepage', 'icon_url', 'callback_urls', 'is_trusted', 'is_public']);
        expect(byName.name.max_length).toBe(64);
        expect(byName.description.max_length).toBe(512);
        expect(byName.homepage.max_length).toBe(256);
    });

    test('a submission with errors gets them back on their fields, and nothing is created', async () => {
        const result = await submit(open, {name: '', homepage: 'ftp://e.example', callback_urls: 'https://e.example/cb'});
        expect(result.errors).toEqual({
            name: 'Give the app a name.',
            homepage: 'The homepage must be an http:// or https:// URL, not "ftp://e.example".',
        });
    });

    test('a valid submission creates the app as the submitter and shows the secret once, ephemerally', async () => {
        const result = await submit(open, {
            name: `Dialog app ${tag}`,
            description: 'from the dialog',
            homepage: 'https://e.example',
            callback_urls: 'https://e.example/cb\nhttps://e.example/cb2\n',
            is_trusted: false,
            is_public: false,
        });
        expect(result.errors ?? {}).toEqual({});
        const created = (await dev.getOAuthApps(0, 200)).find((a) => a.name === `Dialog app ${tag}`)!;
        expect(created).toMatchObject({creator_id: env.users.dev.id, description: 'from the dialog', callback_urls: ['https://e.example/cb', 'https://e.example/cb2']});
        const posted = await waitFor((e) => e.event === 'ephemeral_message');
        const message = (JSON.parse(posted.data!.post) as {message: string}).message;
        expect(message).toContain(`#### Created OAuth app Dialog app ${tag}`);
        expect(message).toContain(`\`${created.client_secret}\``);
        expect(sql('SELECT message FROM posts')).not.toContain(created.client_secret);
    });
});

describe('/oauth edit APP without options on mobile', () => {
    let app: OAuthApp;

    beforeAll(async () => {
        app = await dev.createOAuthApp({name: `Edit me ${tag}`, description: 'before', icon_url: '', homepage: 'https://e.example', callback_urls: ['https://e.example/cb']});
    });

    test('opens the dialog filled with the app, and a save changes only what was changed', async () => {
        const open = await openDialog(`/oauth edit ${app.id}`);
        const values = Object.fromEntries(open.dialog.elements.map((e) => [e.name, e.default]));
        expect(values).toMatchObject({name: `Edit me ${tag}`, description: 'before', homepage: 'https://e.example', callback_urls: 'https://e.example/cb', is_trusted: 'false'});

        // Someone else changes the homepage meanwhile: the save must keep it.
        await dev.editOAuthApp({...(await dev.getOAuthApp(app.id)), homepage: 'https://changed.example'});
        const result = await submit(open, {...values, description: 'after', is_trusted: false});
        expect(result.errors ?? {}).toEqual({});
        expect(await dev.getOAuthApp(app.id)).toMatchObject({description: 'after', homepage: 'https://changed.example', name: `Edit me ${tag}`});
        const posted = await waitFor((e) => e.event === 'ephemeral_message');
        expect((JSON.parse(posted.data!.post) as {message: string}).message).toContain('- description: `before` → `after`');
    });

    test('a submission by another user acts as that user, whom REST refuses', async () => {
        const open = await openDialog(`/oauth edit ${app.id}`);
        const plain = clientAs(env, 'plain');
        await plain.submitInteractiveDialog({
            url: open.url,
            callback_id: open.dialog.callback_id,
            state: open.dialog.state,
            submission: {name: 'hijack', callback_urls: 'https://e.example/cb', homepage: 'https://e.example'},
            user_id: env.users.plain.id,
            channel_id: env.channelId,
            team_id: env.teamId,
            cancelled: false,
        } as unknown as Parameters<typeof plain.submitInteractiveDialog>[0]);
        expect((await dev.getOAuthApp(app.id)).name).toBe(`Edit me ${tag}`);
    });
});

test('the APP autocomplete suggests the caller\'s apps, fetched as the caller', async () => {
    const mine = await dev.createOAuthApp({name: `Suggest me ${tag}`, description: '', icon_url: '', homepage: 'https://e.example', callback_urls: ['https://e.example/cb']});
    const suggest = async (role: 'dev' | 'plain', typed: string) => (await clientAs(env, role).getCommandAutocompleteSuggestionsList(typed, env.teamId, {channel_id: env.channelId, team_id: env.teamId} as never)).map((s) => s.Suggestion);
    expect(await suggest('dev', `/oauth show ${mine.id.slice(0, 6)}`)).toContain(mine.id);
    expect(await suggest('dev', '/oauth show "Suggest')).toContain(`"Suggest me ${tag}"`);
    expect(await suggest('dev', '/oauth show nothing-like-it')).toEqual([]);
    expect(await suggest('plain', '/oauth show ')).toEqual([]);
});
