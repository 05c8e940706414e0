// Every thunk of the plugin: it calls the one client and rejects with a plain
// ApiError carrying the server's words. Its status lands in the slice under
// requests[<name>].
import {createAsyncThunk} from '@reduxjs/toolkit';

import {toApiError} from './errors';
import type {ApiError} from './errors';

import {getClient} from '../client/oauth_client';
import type {OAuthClient} from '../client/oauth_client';

export function apiThunk<Result, Arg = void>(name: string, call: (client: OAuthClient, arg: Arg) => Promise<Result>) {
    return createAsyncThunk<Result, Arg, {rejectValue: ApiError}>(`oauthManager/${name}`, async (arg, {rejectWithValue}) => {
        try {
            return await call(getClient(), arg);
        } catch (err) {
            return rejectWithValue(toApiError(err));
        }
    });
}
