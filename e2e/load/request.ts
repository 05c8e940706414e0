// One timed HTTP request of the load run, and how a failure is classified:
// an HTTP status other than the expected one, a network failure, a timeout,
// or a "wrong answer" (the expected status with an answer that says the
// request failed, or lacks what it must hold).
import {env} from '../bench/common';

export const TIMEOUT_MS = Number(process.env.LOAD_TIMEOUT_MS || 20_000);

export class LoadError extends Error {
    constructor(readonly kind: string, message: string) {
        super(message);
    }
}

export const wrongAnswer = (message: string) => new LoadError('wrong answer', message);

export type Answer = {status: number; text: string; json: () => unknown};

// A request to the server as the holder of token; throws a LoadError unless
// the status is one of `expected`.
export async function request(token: string, method: string, path: string, body?: unknown, expected: number[] = [200, 201]): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
        response = await fetch(env.siteURL + path, {
            method,
            headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        text = await response.text();
    } catch (err) {
        const e = err as Error;
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
            throw new LoadError('timeout', `${method} ${path}: no answer within ${TIMEOUT_MS} ms`);
        }
        throw new LoadError('network', `${method} ${path}: ${e.message}`);
    }
    if (!expected.includes(response.status)) {
        throw new LoadError(`HTTP ${response.status}`, `${method} ${path}: ${text.slice(0, 200)}`);
    }
    return {
        status: response.status,
        text,
        json: () => {
            try {
                return JSON.parse(text);
            } catch {
                throw wrongAnswer(`${method} ${path}: an answer that is not JSON: ${text.slice(0, 200)}`);
            }
        },
    };
}

// POST /api/v4/commands/execute: what the mobile apps and REST callers do.
// Returns the ephemeral answer's text.
export async function command(token: string, text: string): Promise<string> {
    const answer = await request(token, 'POST', '/api/v4/commands/execute', {command: text, channel_id: env.channelId, team_id: env.teamId});
    return (answer.json() as {text?: string}).text ?? '';
}
