// Read-only verbs: list, show, info.
import {defineMessages} from 'react-intl';

import type {FlagValue} from '../../grammar/parse';
import {toApiError} from '../../store/errors';
import {ACTIONS} from '../../store/messages';
import {defaultQuery, filterApps} from '../../store/query';
import type {AppQuery} from '../../store/query';
import {fetchAllApps, fetchAppInfo, fetchAppsPage, toSummary} from '../../store/slice';
import type {AppSummary} from '../../store/slice';
import {currentUserId, post, settings, usernames} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {appFields, appsTable, code, fieldList, MASK, md, noSecret} from '../format';
import {describeErrorMd} from '../markdown';
import {looksLikeId, resolveApp} from '../resolve_app';

const m = defineMessages({
    incomplete: {id: 'oauth-manager.chat.list.incomplete', defaultMessage: 'Apps kept changing while they were read: this list may be incomplete. Run the command again.'},
    more: {id: 'oauth-manager.chat.list.more', defaultMessage: 'More apps may follow: {next}, or {all}.'},
    noMatch: {id: 'oauth-manager.chat.list.no_match', defaultMessage: 'No OAuth app you can manage matches these filters.'},
    emptyPage: {id: 'oauth-manager.chat.list.empty_page', defaultMessage: 'Page {page} is empty.'},
    none: {id: 'oauth-manager.chat.list.none', defaultMessage: 'You have no OAuth apps to manage yet. Create one with `/oauth create --name NAME --homepage URL --callback URL`.'},
    firstRows: {id: 'oauth-manager.chat.list.first_rows', defaultMessage: 'Showing the first {shown} of {total}. Narrow with `--filter TEXT`, page with `--page N --per-page N`, or use System Console > Plugins > OAuth Apps Manager.'},
    countAll: {id: 'oauth-manager.chat.list.count', defaultMessage: '**{total, plural, one {{total} app} other {{total} apps}}**'},
    countMatching: {id: 'oauth-manager.chat.list.count_matching', defaultMessage: '**{total, plural, one {{total} app} other {{total} apps}}** matching'},
    pageOf: {id: 'oauth-manager.chat.list.page', defaultMessage: '{heading}, page {page} ({perPage} per page)'},
    title: {id: 'oauth-manager.chat.list.title', defaultMessage: '**OAuth apps**'},
    secretMasked: {id: 'oauth-manager.chat.show.secret_masked', defaultMessage: '{mask} (add `--reveal` to see it, to you only)'},
    secretUnchecked: {id: 'oauth-manager.chat.show.secret_unchecked', defaultMessage: '{mask} (not revealed: whether secrets may be shown in chat could not be checked) {why}'},
    secretOff: {id: 'oauth-manager.chat.show.secret_off', defaultMessage: '{mask} (revealing secrets in chat is turned off in the plugin\'s settings; an admin can see it in System Console > Plugins > OAuth Apps Manager)'},
    onlyYou: {id: 'oauth-manager.chat.show.only_you', defaultMessage: 'Only you can see this message; it is gone when you reload.'},
    showTitle: {id: 'oauth-manager.chat.show.title', defaultMessage: 'OAuth app: {name}'},
    infoTitle: {id: 'oauth-manager.chat.info.title', defaultMessage: 'OAuth app (public information): {name}'},
    infoSecret: {id: 'oauth-manager.chat.info.secret', defaultMessage: 'not shown in public information'},
});

// A post holds about 16,000 characters: longer listings are cut here.
export const MAX_ROWS = 200;

const FILTER_FLAGS = ['mine', 'trusted', 'untrusted', 'public', 'confidential', 'dcr', 'filter'];

// The list flags as a console query, so chat and console filter alike.
function queryOf(flags: Record<string, FlagValue>, me: string): AppQuery {
    let type: AppQuery['type'] = 'any';
    if (flags.public) {
        type = 'public';
    } else if (flags.confidential) {
        type = 'confidential';
    }
    let trusted: AppQuery['trusted'] = 'any';
    if (flags.trusted) {
        trusted = 'yes';
    } else if (flags.untrusted) {
        trusted = 'no';
    }
    return {
        ...defaultQuery,
        search: typeof flags.filter === 'string' ? flags.filter : '',
        creator: flags.mine ? me : '',
        type,
        trusted,
        dcr: flags.dcr ? 'yes' : 'any',
    };
}

const NO_USERNAMES: Record<string, string> = {};

// plugin.json's default, used when the settings cannot be read.
const DEFAULT_PAGE_SIZE = 50;

export const list: VerbHandler = async (ctx) => {
    const {flags} = ctx.parsed;
    const {dispatch} = ctx.store;
    const {intl} = ctx;
    const read = await settings(ctx);
    const configuredPageSize = 'unreadable' in read ? DEFAULT_PAGE_SIZE : read.default_page_size;
    const perPage = typeof flags['per-page'] === 'number' ? flags['per-page'] : configuredPageSize;
    const page = typeof flags.page === 'number' ? flags.page : 0;
    const filtered = FILTER_FLAGS.some((f) => f in flags);
    const paged = 'page' in flags || 'per-page' in flags;

    let apps: AppSummary[];
    let notes: string[] = [];
    let total: number;
    try {
        if (flags.all || filtered) {
            // Filters apply to every app, so every page is read.
            const result = await dispatch(fetchAllApps()).unwrap();
            const matching = filterApps(result.apps, queryOf(flags, currentUserId(ctx)), NO_USERNAMES);
            total = matching.length;
            apps = paged ? matching.slice(page * perPage, (page + 1) * perPage) : matching;
            if (!result.complete) {
                notes.push(intl.formatMessage(m.incomplete));
            }
        } else {
            apps = await dispatch(fetchAppsPage({page, perPage})).unwrap();
            total = apps.length;
            if (apps.length === perPage) {
                const next = `\`/oauth list --page ${page + 1}${'per-page' in flags ? ` --per-page ${perPage}` : ''}\``;
                notes.push(intl.formatMessage(m.more, {next, all: '`/oauth list --all`'}));
            }
        }
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), intl.formatMessage(ACTIONS.listApps)));
    }

    if (apps.length === 0) {
        if (filtered || page > 0) {
            return post(filtered ? intl.formatMessage(m.noMatch) : intl.formatMessage(m.emptyPage, {page}));
        }
        return post(intl.formatMessage(m.none));
    }
    const shown = apps.slice(0, MAX_ROWS);
    if (apps.length > MAX_ROWS) {
        notes = [intl.formatMessage(m.firstRows, {shown: MAX_ROWS, total: apps.length}), ...notes];
    }
    const names = await usernames(ctx, shown.map((a) => a.creator_id));
    let heading: string;
    if (flags.all || filtered) {
        heading = intl.formatMessage(filtered ? m.countMatching : m.countAll, {total});
        if (paged) {
            heading = intl.formatMessage(m.pageOf, {heading, page, perPage});
        }
    } else {
        heading = intl.formatMessage(m.pageOf, {heading: intl.formatMessage(m.title), page, perPage});
    }
    return post([heading, '', appsTable(intl, shown, names, currentUserId(ctx)), ...(notes.length ? ['', ...notes] : [])].join('\n'));
};

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
    return post(fieldList(intl.formatMessage(m.showTitle, {name: md(app.name)}), appFields(intl, summary, names, currentUserId(ctx), secretLine)) + footer);
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
