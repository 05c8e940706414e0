// The slash-command hook: /oauth typed in the web or desktop app is parsed and
// run here, as the signed-in user, before anything reaches the server. Verbs
// the server answers on every client (`server: true` in grammar.json) are
// parsed and checked against "Who may use /oauth" here too, then passed on
// unchanged.
import {defineMessages, type IntlShape} from 'react-intl';

import {post, settings} from './context';
import type {VerbContext, VerbResult} from './context';
import {postEphemeral} from './ephemeral';
import {capAnswer, describeErrorMd} from './markdown';
import {verbHandlers} from './verbs';

import {grammar, isServerVerb} from '../grammar/grammar';
import {formatParseError, parse} from '../grammar/parse';
import {intlFor, userLocale} from '../i18n/intl';
import {toApiError} from '../store/errors';
import {ACTIONS} from '../store/messages';
import {isSystemAdmin} from '../types/host';
import type {HostState, HostStore} from '../types/host';
import type {SlashCommandArgs, SlashCommandHookResult, SlashCommandWillBePostedHook} from '../types/registry';

const ours = new RegExp(`^\\s*/${grammar.trigger}(\\s|$)`, 'i');

// What a cut answer says is the Go half's too (server/command/handler.go).
const m = defineMessages({
    cut: {id: 'oauth-manager.chat.cut', defaultMessage: '*The answer was cut here: it is longer than one post can hold.* Narrow it down, or see System Console > Plugins > OAuth Apps Manager.'},
    accessUnknown: {id: 'oauth-manager.chat.access.unknown', defaultMessage: 'Could not check who may use `/oauth` on this server, so it is refused for now (only system admins are never limited). {why}'},
    adminsOnly: {id: 'oauth-manager.chat.access.admins_only', defaultMessage: 'An admin limited `/oauth` to system admins on this server (System Console > Plugins > OAuth Apps Manager > Who may use /oauth). `/oauth help` still works.'},
});

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
        return post(ctx.intl.formatMessage(m.accessUnknown, {why: read.unreadable}));
    }
    if (read.command_access === 'system_admins') {
        return post(ctx.intl.formatMessage(m.adminsOnly));
    }
    return undefined;
}

// The caller's language, read at each command (tests pass a pseudo-locale).
const callersIntl = (state: HostState) => intlFor(userLocale(state));

export function createSlashCommandHook(store: HostStore, intlOf: (state: HostState) => IntlShape = callersIntl): SlashCommandWillBePostedHook {
    return async (message: string, args: SlashCommandArgs): Promise<SlashCommandHookResult> => {
        if (!isOAuthCommand(message)) {
            return {message, args};
        }
        const intl = intlOf(store.getState());
        const result = parse(message);
        if (result.error) {
            // Input to fix: shown under the text box, and the draft stays.
            return {error: {message: formatParseError(result.error, intl)}};
        }
        let outcome;
        try {
            const ctx = {store, message, args, parsed: result.parsed, intl};
            outcome = await refusal(ctx);
            if (!outcome && isServerVerb(result.parsed.verb)) {
                // The server half answers it (it owns the trail and the bot).
                return {message, args};
            }
            outcome = outcome ?? await verbHandlers[result.parsed.verb](ctx);
        } catch (err) {
            // A defect, not a server answer: say so plainly rather than fail silently.
            const action = intl.formatMessage(ACTIONS.answer, {command: `/${grammar.trigger} ${result.parsed.verb}`});
            outcome = {post: describeErrorMd(intl, {...toApiError(err), kind: 'internal'}, action)};
        }
        if ('inputError' in outcome) {
            return {error: {message: outcome.inputError}};
        }
        if ('post' in outcome) {
            postEphemeral(store, args, capAnswer(outcome.post, intl.formatMessage(m.cut)));
        }
        return {};
    };
}
