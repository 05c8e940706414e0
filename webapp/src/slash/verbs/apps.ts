// Read-only verbs: list, show, info.
import {defineMessages} from 'react-intl';

import type {ListingQuery} from '../../client/oauth_client';
import type {FlagValue} from '../../grammar/parse';
import {toApiError} from '../../store/errors';
import type {ListingAnswer} from '../../store/listing';
import {ACTIONS} from '../../store/messages';
import {fetchAppInfo, fetchListing, toSummary} from '../../store/slice';
import type {AppSummary} from '../../store/slice';
import {currentUserId, post, settings, usernames} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {appFields, appsTable, code, fieldList, MASK, md, noSecret, usageFields, usageOf} from '../format';
import {describeErrorMd} from '../markdown';
import {looksLikeId, resolveApp} from '../resolve_app';

const m = defineMessages({
    incomplete: {id: 'oauth-manager.chat.list.incomplete', defaultMessage: 'Apps kept changing while they were read: this list may be incomplete. Run the command again.'},
    more: {id: 'oauth-manager.chat.list.more', defaultMessage: '{count, plural, one {# more app} other {# more apps}}: run the command again with {next} for the next page, or with {all} for every app.'},
    restFallback: {id: 'oauth-manager.chat.list.rest_fallback', defaultMessage: 'Listed through the REST API, without usage figures, because the plugin cannot read the app list from the database: {reason}.'},
    usageOff: {id: 'oauth-manager.chat.list.usage_off', defaultMessage: 'Usage figures are off: {reason}.'},
    needsDatabase: {id: 'oauth-manager.chat.list.needs_database', defaultMessage: 'Could not list apps: the usage and orphaned filters need the plugin\'s database read model, which is off: {reason}. The other filters still work.'},
    usageUnavailable: {id: 'oauth-manager.chat.show.usage_unavailable', defaultMessage: 'not available: {reason}'},
    noMatch: {id: 'oauth-manager.chat.list.no_match', defaultMessage: 'No OAuth app you can manage matches these filters.'},
    emptyPage: {id: 'oauth-manager.chat.list.empty_page', defaultMessage: 'Page {page} is empty.'},
    none: {id: 'oauth-manager.chat.list.none', defaultMessage: 'You have no OAuth apps to manage yet. Create one with `/oauth create --name NAME --homepage URL --callback URL`.'},
    firstRows: {id: 'oauth-manager.chat.list.first_rows', defaultMessage: 'Showing the first {shown} of {total}. Narrow with `--filter TEXT`, page with `--page N --per-page N`, or use System Console > Plugins > OAuth Apps Manager.'},
    countAll: {id: 'oauth-manager.chat.list.count', defaultMessage: '**{total, plural, one {{total} app} other {{total} apps}}**'},
    countMatching: {id: 'oauth-manager.chat.list.count_matching', defaultMessage: '**{total, plural, one {{total} app} other {{total} apps}}** matching'},
    pageOf: {id: 'oauth-manager.chat.list.page', defaultMessage: '{heading}, page {page} ({perPage} per page)'},
    secretMasked: {id: 'oauth-manager.chat.show.secret_masked', defaultMessage: '{mask} (add `--reveal` to see it, to you only)'},
    secretUnchecked: {id: 'oauth-manager.chat.show.secret_unchecked', defaultMessage: '{mask} (not revealed: whether secrets may be shown in chat could not be checked) {why}'},
    secretOff: {id: 'oauth-manager.chat.show.secret_off', defaultMessage: '{mask} (revealing secrets in chat is turned off in the plugin\'s settings; an admin can see it in System Console > Plugins > OAuth Apps Manager)'},
    onlyYou: {id: 'oauth-manager.chat.show.only_you', defaultMessage: 'Only you can see this message; it is gone when you reload.'},
    showTitle: {id: 'oauth-manager.chat.show.title', defaultMessage: 'OAuth app: {name}'},
    infoTitle: {id: 'oauth-manager.chat.info.title', defaultMessage: 'OAuth app (public information): {name}'},
    infoSecret: {id: 'oauth-manager.chat.info.secret', defaultMessage: 'not shown in public information'},
});

// Said by lint too (./lint.ts).
export const incompleteMessage = m.incomplete;

// A post holds about 16,000 characters: longer listings are cut here.
export const MAX_ROWS = 200;

const FILTER_FLAGS = ['mine', 'trusted', 'untrusted', 'public', 'confidential', 'dcr', 'never-used', 'stale', 'orphaned', 'legacy', 'filter'];

// The list flags as a read-model query (the route's parameters), by name.
export function listingQueryOf(flags: Record<string, FlagValue>, me: string, page: number, perPage: number): ListingQuery {
    const q: ListingQuery = {};
    if (typeof flags.filter === 'string' && flags.filter.trim()) {
        q.search = flags.filter.trim();
    }
    if (flags.mine) {
        q.creator_id = me;
    }
    if (flags.public || flags.confidential) {
        q.type = flags.public ? 'public' : 'confidential';
    }
    if (flags.trusted || flags.untrusted) {
        q.trusted = Boolean(flags.trusted);
    }
    if (flags.dcr) {
        q.dcr = true;
    }
    if (flags['never-used'] || flags.stale) {
        q.usage = flags.stale ? 'stale' : 'never_used';
    }
    if (flags.orphaned) {
        q.orphaned = true;
    }
    if (flags.legacy) {
        q.legacy = true;
    }
    if (flags.all) {
        q.all = true;
    } else {
        q.page = page;
        q.per_page = perPage;
    }
    return q;
}

// plugin.json's default, used when the settings cannot be read.
const DEFAULT_PAGE_SIZE = 50;

export const list: VerbHandler = async (ctx) => {
    const {flags} = ctx.parsed;
    const {intl} = ctx;
    const read = await settings(ctx);
    const configuredPageSize = 'unreadable' in read ? DEFAULT_PAGE_SIZE : read.default_page_size;
    const perPage = typeof flags['per-page'] === 'number' ? flags['per-page'] : configuredPageSize;
    const page = typeof flags.page === 'number' ? flags.page : 0;
    const filtered = FILTER_FLAGS.some((f) => f in flags);
    const paged = 'page' in flags || 'per-page' in flags;

    let answer: ListingAnswer;
    try {
        answer = await ctx.store.dispatch(fetchListing(listingQueryOf(flags, currentUserId(ctx), page, perPage))).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), intl.formatMessage(ACTIONS.listApps)));
    }
    const notes: string[] = [];
    let staleAfterDays: number | undefined;
    if (answer.source === 'rest') {
        if (answer.needsDatabase) {
            return post(intl.formatMessage(m.needsDatabase, {reason: md(answer.unavailable)}));
        }
        notes.push(intl.formatMessage(m.restFallback, {reason: md(answer.unavailable)}));
        if (!answer.complete) {
            notes.push(intl.formatMessage(m.incomplete));
        }
    } else if (answer.usageOff) {
        notes.push(intl.formatMessage(m.usageOff, {reason: md(answer.usageOff)}));
    } else {
        staleAfterDays = answer.staleAfterDays;
    }
    const {apps, total} = answer;
    if (apps.length === 0) {
        if (filtered || page > 0) {
            return post(filtered && total === 0 ? intl.formatMessage(m.noMatch) : intl.formatMessage(m.emptyPage, {page}));
        }
        return post(intl.formatMessage(m.none));
    }
    if (!flags.all && (page + 1) * perPage < total) {
        notes.unshift(intl.formatMessage(m.more, {count: total - (page * perPage) - apps.length, next: `\`--page ${page + 1}\``, all: '`--all`'}));
    }
    const shown = apps.slice(0, MAX_ROWS);
    if (apps.length > MAX_ROWS) {
        notes.unshift(intl.formatMessage(m.firstRows, {shown: MAX_ROWS, total: apps.length}));
    }
    const names = answer.source === 'database' ? namesFromListing(shown) : await usernames(ctx, shown.map((a) => a.creator_id));
    let heading = intl.formatMessage(filtered ? m.countMatching : m.countAll, {total});
    if (!flags.all && (paged || total > apps.length)) {
        heading = intl.formatMessage(m.pageOf, {heading, page, perPage});
    }
    return post([heading, '', appsTable(intl, shown, names, currentUserId(ctx), staleAfterDays), ...(notes.length ? ['', ...notes] : [])].join('\n'));
};

// The read model names each creator: no user lookup needed.
function namesFromListing(apps: AppSummary[]): Record<string, string> {
    const names: Record<string, string> = {};
    for (const a of apps) {
        if (a.creator_id && a.creator_username) {
            names[a.creator_id] = a.creator_username;
        }
    }
    return names;
}

// The app's usage from the read model, or why it is not shown.
async function usageFor(ctx: VerbContext, appId: string): Promise<Array<[string, string]>> {
    const {intl} = ctx;
    try {
        const answer = await ctx.store.dispatch(fetchListing({id: appId, per_page: 1})).unwrap();
        if (answer.source === 'rest') {
            return usageFields(intl, undefined, intl.formatMessage(m.usageUnavailable, {reason: md(answer.unavailable)}));
        }
        if (answer.usageOff) {
            return usageFields(intl, undefined, intl.formatMessage(m.usageUnavailable, {reason: md(answer.usageOff)}));
        }
        const view = answer.apps[0] && usageOf(answer.apps[0], answer.staleAfterDays);
        return view ? usageFields(intl, view, '') : [];
    } catch (err) {
        return usageFields(intl, undefined, intl.formatMessage(m.usageUnavailable, {reason: md(toApiError(err).message)}));
    }
}

export const show: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, intl.formatMessage(ACTIONS.showApp));
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const app = resolved.app;
    const summary = toSummary(app);
    const names = await usernames(ctx, [app.creator_id]);
    let secretLine = intl.formatMessage(m.secretMasked, {mask: MASK});
    let footer = '';
    if (summary.is_public === true) {
        secretLine = noSecret(intl);
    } else if (ctx.parsed.flags.reveal) {
        const read = await settings(ctx);
        if ('unreadable' in read) {
            secretLine = intl.formatMessage(m.secretUnchecked, {mask: MASK, why: read.unreadable});
        } else if (read.reveal_secrets_in_chat) {
            secretLine = code(app.client_secret);
            footer = '\n\n' + intl.formatMessage(m.onlyYou);
        } else {
            secretLine = intl.formatMessage(m.secretOff, {mask: MASK});
        }
    }
    const fields = [...appFields(intl, summary, names, currentUserId(ctx), secretLine), ...await usageFor(ctx, app.id)];
    return post(fieldList(intl.formatMessage(m.showTitle, {name: md(app.name)}), fields) + footer);
};

async function infoOf(ctx: VerbContext, ref: string) {
    const action = ctx.intl.formatMessage(ACTIONS.readInfo);
    if (looksLikeId(ref)) {
        try {
            return {app: await ctx.store.dispatch(fetchAppInfo(ref)).unwrap()};
        } catch (err) {
            const apiError = toApiError(err);
            if (apiError.status_code !== 404) {
                return {failure: describeErrorMd(ctx.intl, apiError, action)};
            }
        }
    }
    return resolveApp(ctx, ref, action);
}

export const info: VerbHandler = async (ctx) => {
    const resolved = await infoOf(ctx, ctx.parsed.args.app);
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const summary = toSummary(resolved.app, {sanitized: true});
    const names = await usernames(ctx, [summary.creator_id]);
    const {intl} = ctx;
    const fields = appFields(intl, summary, names, currentUserId(ctx), intl.formatMessage(m.infoSecret), {omitType: true});
    return post(fieldList(intl.formatMessage(m.infoTitle, {name: md(summary.name)}), fields));
};
