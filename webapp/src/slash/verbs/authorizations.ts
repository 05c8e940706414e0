// authorized and deauthorize: the apps a user let act on their account.
import {defineMessages} from 'react-intl';

import {getClient} from '../../client/oauth_client';
import {toApiError} from '../../store/errors';
import {ACTIONS} from '../../store/messages';
import {deauthorizeApp, fetchAuthorizedApps} from '../../store/slice';
import type {AppSummary} from '../../store/slice';
import {currentUserId, post} from '../context';
import type {VerbHandler} from '../context';
import {cellCode, code, FIELDS, md, table} from '../format';
import {describeErrorMd} from '../markdown';

const m = defineMessages({
    noUser: {id: 'oauth-manager.chat.authorized.no_user', defaultMessage: 'There is no user @{username}.'},
    forbidden: {id: 'oauth-manager.chat.authorized.forbidden', defaultMessage: 'Could not list the apps @{username} authorized: seeing another user\'s authorizations needs the `edit_other_users` permission. The server said: "{message}"'},
    noneMine: {id: 'oauth-manager.chat.authorized.none_mine', defaultMessage: 'You have not authorized any OAuth app.'},
    noneTheirs: {id: 'oauth-manager.chat.authorized.none_theirs', defaultMessage: '@{username} has not authorized any OAuth app.'},
    countMine: {id: 'oauth-manager.chat.authorized.count_mine', defaultMessage: 'You have authorized {count, plural, one {{count} OAuth app} other {{count} OAuth apps}}:'},
    countTheirs: {id: 'oauth-manager.chat.authorized.count_theirs', defaultMessage: '@{username} has authorized {count, plural, one {{count} OAuth app} other {{count} OAuth apps}}:'},
    revokeHint: {id: 'oauth-manager.chat.authorized.revoke_hint', defaultMessage: 'Revoke one with `/oauth deauthorize APP`.'},
    notAuthorized: {id: 'oauth-manager.chat.deauthorize.not_authorized', defaultMessage: 'You have not authorized {app}, so there is nothing to revoke. `/oauth authorized` lists the apps you authorized.'},
    several: {id: 'oauth-manager.chat.deauthorize.several', defaultMessage: 'You authorized {count} apps named "{name}". Use the client id of the one you mean:'},
    revoked: {id: 'oauth-manager.chat.deauthorize.done', defaultMessage: 'Revoked your authorization of {name} ({id}): its tokens for your account no longer work. It will ask for your consent again next time.'},
});

export const authorized: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const username = ctx.parsed.args.user;
    let userId = currentUserId(ctx);
    let mine = true;
    if (username) {
        try {
            userId = (await getClient().getUserByUsername(username)).id;
        } catch (err) {
            const apiError = toApiError(err);
            if (apiError.status_code === 404) {
                return post(intl.formatMessage(m.noUser, {username: md(username)}));
            }
            return post(describeErrorMd(intl, apiError, intl.formatMessage(ACTIONS.findUser, {username: md(username)})));
        }
        mine = userId === currentUserId(ctx);
    }
    let apps: AppSummary[];
    try {
        apps = await ctx.store.dispatch(fetchAuthorizedApps(userId)).unwrap();
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.status_code === 403) {
            return post(intl.formatMessage(m.forbidden, {username: md(username ?? ''), message: md(apiError.message)}));
        }
        return post(describeErrorMd(intl, apiError, intl.formatMessage(ACTIONS.listAuthorized)));
    }
    const who = {username: md(username ?? ''), count: apps.length};
    if (apps.length === 0) {
        return post(intl.formatMessage(mine ? m.noneMine : m.noneTheirs, who));
    }
    const rows = apps.map((a) => [md(a.name), cellCode(a.id), a.homepage ? cellCode(a.homepage) : '—']);
    const headers = table([FIELDS.name, FIELDS.clientId, FIELDS.homepage].map((d) => intl.formatMessage(d)), rows);
    const hint = mine ? '\n\n' + intl.formatMessage(m.revokeHint) : '';
    return post(`${intl.formatMessage(mine ? m.countMine : m.countTheirs, who)}\n\n${headers}${hint}`);
};

export const deauthorize: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const ref = ctx.parsed.args.app;
    const me = currentUserId(ctx);
    let apps: AppSummary[];
    try {
        apps = await ctx.store.dispatch(fetchAuthorizedApps(me)).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), intl.formatMessage(ACTIONS.readAuthorized)));
    }
    const matches = apps.filter((a) => a.id === ref || a.name === ref);
    if (matches.length === 0) {
        return post(intl.formatMessage(m.notAuthorized, {app: code(ref)}));
    }
    if (matches.length > 1) {
        return post(intl.formatMessage(m.several, {count: matches.length, name: md(ref)}) + '\n' + matches.map((a) => `- ${code(a.id)}`).join('\n'));
    }
    const app = matches[0];
    try {
        await ctx.store.dispatch(deauthorizeApp({clientId: app.id, userId: me})).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), intl.formatMessage(ACTIONS.revoke)));
    }
    return post(intl.formatMessage(m.revoked, {name: md(app.name), id: code(app.id)}));
};
