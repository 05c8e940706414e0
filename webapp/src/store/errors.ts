// Errors as they are kept in the slice: plain data (serializable), with the
// server's own words and status so messages can say what happened and why.
export type ApiError = {
    message: string;
    status_code?: number;
    server_error_id?: string;
};

type ErrorLike = {message?: unknown; status_code?: unknown; server_error_id?: unknown};

export function toApiError(err: unknown): ApiError {
    const e = (typeof err === 'object' && err !== null ? err : {message: String(err)}) as ErrorLike;
    const apiError: ApiError = {message: typeof e.message === 'string' && e.message ? e.message : 'Unknown error'};
    if (typeof e.status_code === 'number') {
        apiError.status_code = e.status_code;
    }
    if (typeof e.server_error_id === 'string' && e.server_error_id) {
        apiError.server_error_id = e.server_error_id;
    }
    return apiError;
}
