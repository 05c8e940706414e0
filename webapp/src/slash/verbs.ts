// What the webapp does for each verb of the grammar. The drift tests (here and
// in Go) fail when a verb is in grammar.json but not in this table, or back.
import {postEphemeral} from './ephemeral';

import type {Parsed} from '../grammar/parse';
import {help} from '../grammar/usage';
import type {HostStore} from '../types/host';
import type {SlashCommandArgs, SlashCommandHookResult} from '../types/registry';

export type VerbContext = {
    store: HostStore;
    message: string;
    args: SlashCommandArgs;
    parsed: Parsed;
};

export type VerbHandler = (ctx: VerbContext) => Promise<SlashCommandHookResult>;

const answerHelp: VerbHandler = async ({store, args, parsed}) => {
    postEphemeral(store, args, help(parsed.args.verb));
    return {};
};

// Not yet handled in the browser: the server half answers these.
const passToServer: VerbHandler = async ({message, args}) => ({message, args});

export const verbHandlers: Record<string, VerbHandler> = {
    help: answerHelp,
    list: passToServer,
    show: passToServer,
    info: passToServer,
    create: passToServer,
    edit: passToServer,
    delete: passToServer,
    'regen-secret': passToServer,
    authorized: passToServer,
    deauthorize: passToServer,
    metadata: passToServer,
    register: passToServer,
};
