// Errors as they are kept in the slice: plain data (serializable), with the
// server's own words and status so messages can say what happened and why.
import {ClientError} from '@mattermost/client';

// network: no HTTP answer came back. unreadable: an answer came that could not
// be read. internal: a defect in this plugin, not in the request or server.
export type ErrorKind = 'network' | 'unreadable' | 'internal';

export type ApiError = {
    message: string;
    status_code?: number;
    server_error_id?: string;
    kind?: ErrorKind;
};

type ErrorLike = {message?: unknown; status_code?: unknown; server_error_id?: unknown; kind?: unknown};

export function toApiError(err: unknown): ApiError {
    const e = (typeof err === 'object' && err !== null ? err : {message: String(err)}) as ErrorLike;
    const apiError: ApiError = {message: typeof e.message === 'string' && e.message ? e.message : 'Unknown error'};
    if (typeof e.status_code === 'number') {
        apiError.status_code = e.status_code;
    }
    if (typeof e.server_error_id === 'string' && e.server_error_id) {
        apiError.server_error_id = e.server_error_id;
    }
    if (e.kind === 'network' || e.kind === 'unreadable' || e.kind === 'internal') {
        apiError.kind = e.kind;
    } else if (apiError.status_code === undefined) {
        // Client4 throws a ClientError without a status when the answer's body could not be parsed.
        apiError.kind = err instanceof ClientError ? 'unreadable' : 'internal';
    }
    return apiError;
}
