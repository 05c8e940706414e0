// authorized and deauthorize: the apps a user let act on their account.
import {getClient} from '../../client/oauth_client';
import {toApiError} from '../../store/errors';
import {deauthorizeApp, fetchAuthorizedApps} from '../../store/slice';
import type {AppSummary} from '../../store/slice';
import {currentUserId, post} from '../context';
import type {VerbHandler} from '../context';
import {cellCode, code, md, table} from '../format';
import {describeErrorMd} from '../markdown';

export const authorized: VerbHandler = async (ctx) => {
    const username = ctx.parsed.args.user;
    let userId = currentUserId(ctx);
    let who = 'You have';
    if (username) {
        try {
            userId = (await getClient().getUserByUsername(username)).id;
        } catch (err) {
            const apiError = toApiError(err);
            return post(apiError.status_code === 404 ? `There is no user @${md(username)}.` : describeErrorMd(apiError, `find @${md(username)}`));
        }
        who = userId === currentUserId(ctx) ? 'You have' : `@${md(username)} has`;
    }
    let apps: AppSummary[];
    try {
        apps = await ctx.store.dispatch(fetchAuthorizedApps(userId)).unwrap();
    } catch (err) {
        const apiError = toApiError(err);
        if (apiError.status_code === 403) {
            return post(`Could not list the apps @${md(username)} authorized: seeing another user's authorizations needs the \`edit_other_users\` permission. The server said: "${md(apiError.message)}"`);
        }
        return post(describeErrorMd(apiError, 'list the authorized apps'));
    }
    if (apps.length === 0) {
        return post(`${who} not authorized any OAuth app.`);
    }
    const rows = apps.map((a) => [md(a.name), cellCode(a.id), a.homepage ? md(a.homepage) : '—']);
    const hint = who === 'You have' ? '\n\nRevoke one with `/oauth deauthorize APP`.' : '';
    return post(`${who} authorized ${apps.length} OAuth ${apps.length === 1 ? 'app' : 'apps'}:\n\n${table(['Name', 'Client ID', 'Homepage'], rows)}${hint}`);
};

export const deauthorize: VerbHandler = async (ctx) => {
    const ref = ctx.parsed.args.app;
    const me = currentUserId(ctx);
    let apps: AppSummary[];
    try {
        apps = await ctx.store.dispatch(fetchAuthorizedApps(me)).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'read the apps you authorized'));
    }
    const matches = apps.filter((a) => a.id === ref || a.name === ref);
    if (matches.length === 0) {
        return post(`You have not authorized ${code(ref)}, so there is nothing to revoke. \`/oauth authorized\` lists the apps you authorized.`);
    }
    if (matches.length > 1) {
        return post(`You authorized ${matches.length} apps named "${md(ref)}". Use the client id of the one you mean:\n${matches.map((a) => `- ${code(a.id)}`).join('\n')}`);
    }
    const app = matches[0];
    try {
        await ctx.store.dispatch(deauthorizeApp({clientId: app.id, userId: me})).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'revoke the authorization'));
    }
    return post(`Revoked your authorization of ${md(app.name)} (${code(app.id)}): its tokens for your account no longer work. It will ask for your consent again next time.`);
};
