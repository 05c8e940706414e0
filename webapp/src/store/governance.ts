// Thunks for the governance routes (docs/governance.md). The server half owns
// each rule: these only carry its answers to the views. A rotation's new
// secret goes to the view that asked, through the thunk's result; the slice
// keeps the app's summary only.
import {apiThunk} from './thunk';

import type {ListingQuery} from '../client/oauth_client';

export const fetchGovernance = apiThunk('fetchGovernance', (client) => client.getGovernance());

export const runTrail = apiThunk('runTrail', (client) => client.runTrail());

export const fetchSecretAges = apiThunk('fetchSecretAges', (client) => client.getSecretAges());

export const rotateSecret = apiThunk('rotateSecret', (client, appId: string) => client.rotateSecret(appId));

// Quarantine and release (server/command/quarantine.go): the server half makes
// every change as the caller and records it.
export const quarantineApp = apiThunk('quarantineApp', (client, appId: string) => client.quarantineApp(appId));

export const releaseApp = apiThunk('releaseApp', (client, appId: string) => client.releaseApp(appId));

// The DCR view's page. The route answers {unavailable} when it cannot read
// the database: the view says so (usage lives only there, so no REST paging).
export const fetchDcrListing = apiThunk('fetchDcrListing', (client, query: Omit<ListingQuery, 'dcr'>) => client.listDcrClients(query));

export const planDcrPrune = apiThunk('planDcrPrune', (client, olderThanDays: number | undefined) => client.planDcrPrune(olderThanDays));

export const confirmDcrPrune = apiThunk('confirmDcrPrune', (client, {planId, count}: {planId: string; count: number}) => client.confirmDcrPrune(planId, count));
