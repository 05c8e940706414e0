// The edit merge agrees with the Go half's (server/command/edit.go) on the shared vectors.
import type {OAuthApp} from '@mattermost/types/integrations';

import {missingCallbackError} from './changes';

import vectors from '../../../../server/command/testdata/edit_vectors.json';
import {parse} from '../../grammar/parse';
import {intlFor} from '../../i18n/intl';
import {mergeEdit} from '../../store/edit_merge';

type Fields = Pick<OAuthApp, 'name' | 'description' | 'homepage' | 'icon_url' | 'callback_urls' | 'is_trusted'>;
type Vector = {app: Fields; command: string; result: {fields?: Fields; changes?: unknown[]; error?: string}};

test.each((vectors as Vector[]).map((v) => [v.command, v] as const))('%s', (_, v) => {
    const {parsed} = parse(v.command);
    expect(parsed).toBeDefined();
    const app: OAuthApp = {...v.app, id: 'x'.repeat(26), creator_id: 'u', create_at: 1, update_at: 1, client_secret: 's'};
    const merged = mergeEdit(app, parsed!.flags);
    if (v.result.error) {
        expect('missingCallback' in merged && missingCallbackError(intlFor('en'), app, merged.missingCallback)).toBe(v.result.error);
        return;
    }
    expect('app' in merged).toBe(true);
    if ('app' in merged) {
        const {name, description, homepage, icon_url: iconURL, callback_urls: callbacks, is_trusted: trusted} = merged.app;
        expect({name, description, homepage, icon_url: iconURL, callback_urls: callbacks, is_trusted: trusted}).toEqual(v.result.fields);
        expect(merged.changes).toEqual(v.result.changes ?? []);
    }
});
