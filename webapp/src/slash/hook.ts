// The slash-command hook: /oauth typed in the web or desktop app is parsed and
// run here, as the signed-in user, before anything reaches the server.
import {post, settings} from './context';
import type {VerbContext, VerbResult} from './context';
import {postEphemeral} from './ephemeral';
import {capAnswer, describeErrorMd} from './markdown';
import {verbHandlers} from './verbs';

import {grammar} from '../grammar/grammar';
import {formatParseError, parse} from '../grammar/parse';
import {toApiError} from '../store/errors';
import {isSystemAdmin} from '../types/host';
import type {HostStore} from '../types/host';
import type {SlashCommandArgs, SlashCommandHookResult, SlashCommandWillBePostedHook} from '../types/registry';

const ours = new RegExp(`^\\s*/${grammar.trigger}(\\s|$)`, 'i');

// What a cut answer says, as the Go half does (server/command/handler.go).
export const SEE_THE_REST = 'Narrow it down, or see System Console > Plugins > OAuth Apps Manager.';

export function isOAuthCommand(message: string): boolean {
    return ours.test(message);
}

// The admin's "Who may use /oauth" setting narrows (never widens) what the
// server's permissions allow; help stays open to everyone.
async function refusal(ctx: VerbContext): Promise<VerbResult | undefined> {
    if (ctx.parsed.verb === 'help' || isSystemAdmin(ctx.store.getState())) {
        return undefined;
    }
    const read = await settings(ctx);
    if ('unreadable' in read) {
        return post(`Could not check who may use \`/oauth\` on this server, so it is refused for now (only system admins are never limited). ${read.unreadable}`);
    }
    if (read.command_access === 'system_admins') {
        return post('An admin limited `/oauth` to system admins on this server (System Console > Plugins > OAuth Apps Manager > Who may use /oauth). `/oauth help` still works.');
    }
    return undefined;
}

export function createSlashCommandHook(store: HostStore): SlashCommandWillBePostedHook {
    return async (message: string, args: SlashCommandArgs): Promise<SlashCommandHookResult> => {
        if (!isOAuthCommand(message)) {
            return {message, args};
        }
        const result = parse(message);
        if (result.error) {
            // Input to fix: shown under the text box, and the draft stays.
            return {error: {message: formatParseError(result.error)}};
        }
        let outcome;
        try {
            const ctx = {store, message, args, parsed: result.parsed};
            outcome = await refusal(ctx) ?? await verbHandlers[result.parsed.verb](ctx);
        } catch (err) {
            // A defect, not a server answer: say so plainly rather than fail silently.
            outcome = {post: describeErrorMd({...toApiError(err), kind: 'internal'}, `answer /${grammar.trigger} ${result.parsed.verb}`)};
        }
        if ('inputError' in outcome) {
            return {error: {message: outcome.inputError}};
        }
        if ('post' in outcome) {
            postEphemeral(store, args, capAnswer(outcome.post, SEE_THE_REST));
        }
        return {};
    };
}
