// Where the console's table gets its rows. The first page comes from the read
// model at once; then, when the caller can manage at most LOCAL_LIMIT apps,
// every app is fetched in the background and search, filters, sort and paging
// run in the browser (store/query.ts, by the route's own rules). Above the
// limit every change asks the route, and only its newest answer is shown.
// Through the REST fallback every app is read on each request anyway, so the
// table always goes local there.
import {useCallback, useDeferredValue, useEffect, useMemo, useRef, useState} from 'react';
import {useDispatch, useSelector} from 'react-redux';

import type {ListingQuery} from '../client/oauth_client';
import {toApiError} from '../store/errors';
import type {ApiError} from '../store/errors';
import type {ListingAnswer} from '../store/listing';
import {defaultQuery, isFiltered, matcher, sortApps, staleCutoff, toListingQuery, USAGE_SORTS} from '../store/query';
import type {ConsoleQuery} from '../store/query';
import {selectApps, selectAppsById, selectPluginState} from '../store/selectors';
import type {GlobalStateWithPlugin} from '../store/selectors';
import {fetchListing, fetchUsernames, pageChanged, queryChanged} from '../store/slice';
import type {AppSummary} from '../store/slice';
import type {HostDispatch} from '../types/host';

// Keeping every app costs the browser about 600 bytes of JSON an app to fetch
// and parse, and each keystroke scans them all. Measured in node on 2 cores:
// 20,000 apps are 12 MB, about 50 ms to parse and 2 to 3 ms a keystroke, well
// inside a frame; 100,000 are 60 MB, half a second to parse and about 27 ms a
// keystroke, more than a frame. Above this the route does the work per page.
export const LOCAL_LIMIT = 20_000;

// Rows per page when the plugin's settings cannot be read.
export const DEFAULT_PAGE_SIZE = 50;

// What the last answer said about where the list comes from, without its apps
// (each kind of answer on its own: Omit over the union would merge them).
export type ListingFacts = ListingAnswer extends infer A ? A extends ListingAnswer ? Omit<A, 'apps' | 'total'> : never : never;

// The filters and sorts the list's source can answer.
export type Capabilities = {usage: boolean; orphaned: boolean};

function capabilitiesOf(facts: ListingFacts | null): Capabilities {
    const database = facts?.source === 'database';
    return {usage: database && !facts.usageOff, orphaned: database};
}

// The choices a source cannot answer, put back to "any" (and the default sort).
function unsupported(q: ConsoleQuery, can: Capabilities): Partial<ConsoleQuery> {
    const reset: Partial<ConsoleQuery> = {};
    if (!can.usage && q.usage !== 'any') {
        reset.usage = 'any';
    }
    if (!can.usage && USAGE_SORTS.includes(q.sortKey)) {
        reset.sortKey = defaultQuery.sortKey;
        reset.sortDir = defaultQuery.sortDir;
    }
    if (!can.orphaned && q.orphaned !== 'any') {
        reset.orphaned = 'any';
    }
    return reset;
}

function factsOf(answer: ListingAnswer): ListingFacts {
    const facts: Partial<ListingAnswer> = {...answer};
    delete facts.apps;
    delete facts.total;
    return facts as ListingFacts;
}

// Stale is measured from when the answer came, as the server measured it.
const cutoffOf = (answer: ListingAnswer) => (answer.source === 'database' ? staleCutoff(Date.now(), answer.staleAfterDays) : 0);

type State = {
    facts: ListingFacts | null;
    cutoff: number;

    // Every app the caller can manage; null until counted.
    total: number | null;

    // Every app is in the store: the query runs here.
    local: boolean;

    // Otherwise: the page the route answered last, in its order.
    page: {ids: string[]; matching: number} | null;
    error?: ApiError;
};

const INITIAL: State = {facts: null, cutoff: 0, total: null, local: false, page: null};

export type AppListing = {

    // Rows are known: the first page came, or every app.
    shown: boolean;
    error?: ApiError;
    facts: ListingFacts | null;
    can: Capabilities;

    // The rows of this page, the apps matching the query, every app.
    rows: AppSummary[];
    matching: number;
    total: number;
    pages: number;

    // Apps the view knows of (every app when local), for the creator filter.
    known: AppSummary[];
    cutoff: number;

    // Reads again: every app when local, else the page and the count.
    refresh: () => void;

    // After a create, edit or delete: the route's page and total may have moved.
    afterWrite: () => void;
};

// pageSize is null until the plugin's settings are known.
export function useAppListing(query: ConsoleQuery, page: number, pageSize: number | null): AppListing {
    const dispatch = useDispatch<HostDispatch>();
    const all = useSelector(selectApps);
    const byId = useSelector(selectAppsById);
    const usernames = useSelector((s: GlobalStateWithPlugin) => selectPluginState(s).usernames);
    const [state, setState] = useState<State>(INITIAL);
    const [reload, setReload] = useState(0);

    // The newest page request: an older answer is dropped when it lands.
    const latest = useRef(0);

    // Bumped by a refresh and on unmount: what an older load brings is dropped.
    const generation = useRef(0);
    const decided = useRef(false);

    // Each answer brings new facts: what follows from them changes only with them.
    const {usage: canUsage, orphaned: canOrphaned} = capabilitiesOf(state.facts);
    const can = useMemo(() => ({usage: canUsage, orphaned: canOrphaned}), [canUsage, canOrphaned]);
    const sourceKnown = state.facts !== null;

    // Typing stays instant: the table follows the search box one render later.
    const search = useDeferredValue(query.search);
    const typed = {...query, search};
    const effective = sourceKnown ? {...typed, ...unsupported(typed, can)} : typed;

    // Kept by value: a render that makes the same parameters asks nothing again.
    const listingKey = JSON.stringify(toListingQuery(effective));
    const listingQuery = useMemo(() => JSON.parse(listingKey) as ListingQuery, [listingKey]);

    // The controls show what the source can answer.
    useEffect(() => {
        const reset = unsupported(query, can);
        if (sourceKnown && Object.keys(reset).length) {
            dispatch(queryChanged(reset));
        }
    }, [query, sourceKnown, can, dispatch]);

    const loadEverything = useCallback(async (gen: number) => {
        let answer: ListingAnswer;
        try {
            answer = await dispatch(fetchListing({all: true})).unwrap();
        } catch (err) {
            // Before going local the route still answers page by page; a
            // refresh that fails says so above the rows it keeps.
            if (gen === generation.current) {
                setState((s) => (s.local ? {...s, error: toApiError(err)} : s));
            }
            return;
        }
        if (gen !== generation.current) {
            return;
        }
        latest.current++; // page answers still on their way are not wanted now
        setState((s) => ({...s, facts: factsOf(answer), cutoff: cutoffOf(answer), total: answer.total, local: true, page: null, error: undefined}));
        if (answer.source === 'rest') {
            const creators = [...new Set(answer.apps.map((a) => a.creator_id).filter(Boolean))];
            if (creators.length) {
                dispatch(fetchUsernames(creators));
            }
        }
    }, [dispatch]);

    // After the first page: count every app and go local if they are few.
    const decide = useCallback(async (first: ListingAnswer, filtered: boolean, gen: number) => {
        if (first.source === 'rest') {
            await loadEverything(gen);
            return;
        }
        let total = first.total;
        if (filtered) {
            try {
                total = (await dispatch(fetchListing({per_page: 1})).unwrap()).total;
            } catch {
                return;
            }
        }
        if (gen !== generation.current) {
            return;
        }
        setState((s) => ({...s, total}));
        if (total <= LOCAL_LIMIT) {
            await loadEverything(gen);
        }
    }, [dispatch, loadEverything]);

    // The route's page for the query, while not local.
    useEffect(() => {
        if (state.local || pageSize === null) {
            return;
        }
        const serial = ++latest.current;
        const gen = generation.current;
        dispatch(fetchListing({...listingQuery, page, per_page: pageSize})).unwrap().then((answer) => {
            if (serial !== latest.current) {
                return;
            }
            setState((s) => ({...s, facts: factsOf(answer), cutoff: cutoffOf(answer), page: {ids: answer.apps.map((a) => a.id), matching: answer.total}, error: undefined}));
            if (!decided.current) {
                decided.current = true;
                decide(answer, isFiltered(listingQuery), gen);
            }
        }, (err) => {
            if (serial === latest.current) {
                setState((s) => ({...s, error: toApiError(err)}));
            }
        });
    }, [listingQuery, page, pageSize, state.local, reload, dispatch, decide]);

    useEffect(() => () => {
        generation.current++;
        latest.current++;
    }, []);

    const refresh = useCallback(() => {
        generation.current++;
        if (state.local) {
            loadEverything(generation.current);
        } else {
            decided.current = false;
            setReload((n) => n + 1);
        }
    }, [state.local, loadEverything]);

    const afterWrite = useCallback(() => {
        if (!state.local) {
            refresh();
        }
    }, [state.local, refresh]);

    const ctx = useMemo(() => ({usernames, cutoff: state.cutoff}), [usernames, state.cutoff]);
    const sorted = useMemo(() => (state.local ? sortApps(all, effective.sortKey, effective.sortDir, usernames) : []), [state.local, all, effective.sortKey, effective.sortDir, usernames]);
    const visible = useMemo(() => (state.local ? sorted.filter(matcher(listingQuery, ctx)) : []), [state.local, sorted, listingQuery, ctx]);
    const known = useMemo(() => (state.local ? all : Object.values(byId)), [state.local, all, byId]);

    const size = pageSize ?? DEFAULT_PAGE_SIZE;
    let rows: AppSummary[] = [];
    let matching = 0;
    if (state.local) {
        rows = visible.slice(page * size, (page + 1) * size);
        matching = visible.length;
    } else if (state.page) {
        // An app deleted since the page was read is gone from the store.
        rows = state.page.ids.map((id) => byId[id]).filter(Boolean);
        matching = state.page.matching;
    }
    const pages = Math.max(1, Math.ceil(matching / size));
    const shown = state.local || state.page !== null;

    // A page past the end (after deletes) moves back to the last one.
    useEffect(() => {
        if (shown && page >= pages && page > 0) {
            dispatch(pageChanged(pages - 1));
        }
    }, [shown, page, pages, dispatch]);

    return {
        shown,
        error: state.error,
        facts: state.facts,
        can,
        rows,
        matching,
        total: state.local ? all.length : state.total ?? matching,
        pages,
        known,
        cutoff: state.cutoff,
        refresh,
        afterWrite,
    };
}
