// The slash-command hook: /oauth typed in the web or desktop app is parsed here,
// before anything reaches the server.
import {verbHandlers} from './verbs';

import {grammar} from '../grammar/grammar';
import {formatParseError, parse} from '../grammar/parse';
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
        return verbHandlers[result.parsed.verb]({store, message, args, parsed: result.parsed});
    };
}
