// The edit merge, shared by `/oauth edit` and the console's edit form (and
// agreeing with server/command/edit.go through edit_vectors.json). The server
// replaces the whole app on update: start from a fresh read of the app and
// change only what was asked, so fields someone else changed meanwhile stay.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {FlagValue} from '../grammar/parse';

export type Change = {field: string; from: string; to: string};

export type EditFlags = Record<string, FlagValue>;

export type Merged = {app: OAuthApp; changes: Change[]} | {missingCallback: string};

const str = (v: FlagValue | undefined) => (typeof v === 'string' ? v : undefined);
const list = (v: FlagValue | undefined) => (Array.isArray(v) ? v : []);

export function mergeEdit(app: OAuthApp, flags: EditFlags): Merged {
    const next: OAuthApp = {...app, callback_urls: [...app.callback_urls]};
    const setText = (key: 'name' | 'description' | 'homepage' | 'icon_url', flag: string) => {
        const value = str(flags[flag]);
        if (value !== undefined) {
            next[key] = value;
        }
    };
    setText('name', 'name');
    setText('description', 'description');
    setText('homepage', 'homepage');
    setText('icon_url', 'icon-url');
    if ('callback' in flags) {
        next.callback_urls = [...new Set(list(flags.callback))];
    }
    for (const url of list(flags['remove-callback'])) {
        if (!next.callback_urls.includes(url)) {
            return {missingCallback: url};
        }
        next.callback_urls = next.callback_urls.filter((u) => u !== url);
    }
    for (const url of list(flags['add-callback'])) {
        if (!next.callback_urls.includes(url)) {
            next.callback_urls.push(url);
        }
    }
    if (typeof flags.trusted === 'string') {
        next.is_trusted = flags.trusted === 'true';
    }
    const changes: Change[] = [];
    const show = (v: string | boolean | string[]) => (Array.isArray(v) ? v.join(', ') : String(v));
    for (const key of ['name', 'description', 'homepage', 'icon_url', 'callback_urls', 'is_trusted'] as const) {
        if (show(app[key]) !== show(next[key])) {
            changes.push({field: key, from: show(app[key]), to: show(next[key])});
        }
    }
    return {app: next, changes};
}
