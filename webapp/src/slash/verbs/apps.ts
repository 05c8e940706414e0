// Read-only verbs: list, show, info.
import type {FlagValue} from '../../grammar/parse';
import {toApiError} from '../../store/errors';
import {defaultQuery, filterApps} from '../../store/query';
import type {AppQuery} from '../../store/query';
import {fetchAllApps, fetchAppInfo, fetchAppsPage, toSummary} from '../../store/slice';
import type {AppSummary} from '../../store/slice';
import {currentUserId, post, settings, usernames} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {appFields, appsTable, code, fieldList, MASK, md} from '../format';
import {describeErrorMd} from '../markdown';
import {looksLikeId, resolveApp} from '../resolve_app';

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
                notes.push('Apps kept changing while they were read: this list may be incomplete. Run the command again.');
            }
        } else {
            apps = await dispatch(fetchAppsPage({page, perPage})).unwrap();
            total = apps.length;
            if (apps.length === perPage) {
                notes.push(`More apps may follow: \`/oauth list --page ${page + 1}${'per-page' in flags ? ` --per-page ${perPage}` : ''}\`, or \`/oauth list --all\`.`);
            }
        }
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'list the OAuth apps'));
    }

    if (apps.length === 0) {
        if (filtered || page > 0) {
            return post(filtered ? 'No OAuth app you can manage matches these filters.' : `Page ${page} is empty.`);
        }
        return post('You have no OAuth apps to manage yet. Create one with `/oauth create --name NAME --homepage URL --callback URL`.');
    }
    const shown = apps.slice(0, MAX_ROWS);
    if (apps.length > MAX_ROWS) {
        notes = [`Showing the first ${MAX_ROWS} of ${apps.length}. Narrow with \`--filter TEXT\`, page with \`--page N --per-page N\`, or use System Console > Plugins > OAuth Apps Manager.`, ...notes];
    }
    const names = await usernames(ctx, shown.map((a) => a.creator_id));
    let heading: string;
    if (flags.all || filtered) {
        heading = `**${total} ${total === 1 ? 'app' : 'apps'}**${filtered ? ' matching' : ''}${paged ? `, page ${page} (${perPage} per page)` : ''}`;
    } else {
        heading = `**OAuth apps**, page ${page} (${perPage} per page)`;
    }
    return post([heading, '', appsTable(shown, names, currentUserId(ctx)), ...(notes.length ? ['', ...notes] : [])].join('\n'));
};

export const show: VerbHandler = async (ctx) => {
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, 'show the app');
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const app = resolved.app;
    const summary = toSummary(app);
    const names = await usernames(ctx, [app.creator_id]);
    let secretLine = `${MASK} (add \`--reveal\` to see it, to you only)`;
    let footer = '';
    if (summary.is_public === true) {
        secretLine = 'none: a public client has no secret';
    } else if (ctx.parsed.flags.reveal) {
        const read = await settings(ctx);
        if ('unreadable' in read) {
            secretLine = `${MASK} (not revealed: whether secrets may be shown in chat could not be checked) ${read.unreadable}`;
        } else if (read.reveal_secrets_in_chat) {
            secretLine = code(app.client_secret);
            footer = '\n\nOnly you can see this message; it is gone when you reload.';
        } else {
            secretLine = `${MASK} (revealing secrets in chat is turned off in the plugin's settings; an admin can see it in System Console > Plugins > OAuth Apps Manager)`;
        }
    }
    return post(fieldList(`OAuth app: ${md(app.name)}`, appFields(summary, names, currentUserId(ctx), secretLine)) + footer);
};

async function infoOf(ctx: VerbContext, ref: string) {
    if (looksLikeId(ref)) {
        try {
            return {app: await ctx.store.dispatch(fetchAppInfo(ref)).unwrap()};
        } catch (err) {
            const apiError = toApiError(err);
            if (apiError.status_code !== 404) {
                return {failure: describeErrorMd(apiError, 'read the app\'s public information')};
            }
        }
    }
    return resolveApp(ctx, ref, 'read the app\'s public information');
}

export const info: VerbHandler = async (ctx) => {
    const resolved = await infoOf(ctx, ctx.parsed.args.app);
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const summary = toSummary(resolved.app, {sanitized: true});
    const names = await usernames(ctx, [summary.creator_id]);
    const fields = appFields(summary, names, currentUserId(ctx), 'not shown in public information').filter(([k]) => k !== 'Type');
    return post(fieldList(`OAuth app (public information): ${md(summary.name)}`, fields));
};
