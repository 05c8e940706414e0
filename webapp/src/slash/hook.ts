// The slash-command hook: /oauth typed in the web or desktop app is parsed and
// run here, as the signed-in user, before anything reaches the server.
import {postEphemeral} from './ephemeral';
import {verbHandlers} from './verbs';

import {grammar} from '../grammar/grammar';
import {formatParseError, parse} from '../grammar/parse';
import {toApiError} from '../store/errors';
import type {HostStore} from '../types/host';
import type {SlashCommandArgs, SlashCommandHookResult, SlashCommandWillBePostedHook} from '../types/registry';

const ours = new RegExp(`^\\s*/${grammar.trigger}(\\s|$)`, 'i');

export function isOAuthCommand(message: string): boolean {
    return ours.test(message);
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
            outcome = await verbHandlers[result.parsed.verb]({store, message, args, parsed: result.parsed});
        } catch (err) {
            // A defect, not a server answer: say so plainly rather than fail silently.
            outcome = {post: `Something went wrong in the OAuth Apps Manager plugin: ${toApiError(err).message}. Please report it.`};
        }
        if ('inputError' in outcome) {
            return {error: {message: outcome.inputError}};
        }
        postEphemeral(store, args, outcome.post);
        return {};
    };
}
