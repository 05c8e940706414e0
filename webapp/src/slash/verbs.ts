// What the webapp does for each verb of the grammar it answers itself. Verbs
// marked `server: true` in grammar.json have no handler here: the hook passes
// them to the server unchanged (see hook.ts). The drift tests (here and in Go)
// fail when a browser verb is in grammar.json but not in this table, or back,
// and when a server verb has a handler.

import {post} from './context';
import type {VerbHandler} from './context';
import {list, show, info} from './verbs/apps';
import {authorized, deauthorize} from './verbs/authorizations';
import {create, edit, regenSecret, remove} from './verbs/changes';
import {lintVerb} from './verbs/lint';
import {metadata, register} from './verbs/server';

import {help} from '../grammar/usage';

export type {VerbHandler};

export const verbHandlers: Record<string, VerbHandler> = {
    help: async ({parsed, intl}) => post(help(intl, parsed.args.verb)),
    list,
    show,
    info,
    create,
    edit,
    delete: remove,
    'regen-secret': regenSecret,
    authorized,
    deauthorize,
    metadata,
    register,
    lint: lintVerb,
};
