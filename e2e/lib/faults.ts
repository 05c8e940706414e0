// Faults on purpose, for e2e/tests/faults*.e2e.test.ts: PostgreSQL stopped
// and started again on the same port (what e2e/run.sh exports: E2E_PG_CTL,
// E2E_PG_DATA, E2E_PG_OPTIONS, E2E_PG_LOG, and E2E_PG_USER when pg_ctl must run
// as postgres), the plugin disabled and enabled, and a fault proxy between the
// plugin's Go half and the server's REST API (the plugin's setting "REST API
// address for the plugin's own calls" points at it).
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import net from 'node:net';

import {PLUGIN_ID} from './governance';

// --- PostgreSQL ---

function pgCtl(args: string[]) {
    const ctl = process.env.E2E_PG_CTL;
    const data = process.env.E2E_PG_DATA;
    if (!ctl || !data) {
        throw new Error('E2E_PG_CTL and E2E_PG_DATA are not set: the fault tests run through e2e/run.sh');
    }
    const user = process.env.E2E_PG_USER;
    const [cmd, cmdArgs] = user ? ['runuser', ['-u', user, '--', ctl, '-D', data, ...args]] : [ctl, ['-D', data, ...args]];
    execFileSync(cmd, cmdArgs, {cwd: '/', stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000});
}

// Stops the cluster at once: open connections are ended (fast shutdown).
export function stopPostgres() {
    pgCtl(['-m', 'fast', '-w', '-t', '60', 'stop']);
}

// Starts it again as run.sh did: the same port and options.
export function startPostgres() {
    pgCtl(['-l', process.env.E2E_PG_LOG!, '-w', '-t', '60', '-o', process.env.E2E_PG_OPTIONS!, 'start']);
}

export function postgresUp(): boolean {
    try {
        execFileSync('psql', [process.env.E2E_PG!, '-tAc', 'SELECT 1'], {stdio: 'ignore', timeout: 10_000});
        return true;
    } catch {
        return false;
    }
}

// Runs fn with PostgreSQL stopped; it is started again whatever fn did.
export async function withPostgresStopped<T>(fn: () => Promise<T>): Promise<T> {
    stopPostgres();
    try {
        return await fn();
    } finally {
        startPostgres();
    }
}

// --- The plugin's process ---

// The pid of the plugin's process (the server starts it from its plugin
// directory): the same pid before and after a fault proves no restart.
export function pluginPid(): number {
    const dir = process.env.E2E_PLUGIN_DIR;
    const pids = readdirSync('/proc').filter((p) => (/^\d+$/).test(p)).filter((p) => {
        try {
            const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
            return cmdline.startsWith(`${dir}/${PLUGIN_ID}/`) || cmdline.includes(`${dir}/${PLUGIN_ID}/server/dist/`);
        } catch {
            return false;
        }
    });
    if (pids.length !== 1) {
        throw new Error(`expected one plugin process under ${dir}/${PLUGIN_ID}, found ${pids.length}`);
    }
    return Number(pids[0]);
}

// --- What a person may be shown ---

// Go's error text, stack traces and database driver words: never in an answer.
const NOT_FOR_PEOPLE = [/goroutine \d+/, /panic:/, /\.go:\d+/, /dial tcp/, /connect: connection refused/, /context deadline exceeded/, /Client\.Timeout/,
    /\bpq: /, /\bsql: /, /net\/http/, /read tcp/, /write tcp/, /\bEOF\b/, /127\.0\.0\.1:\d+/, /runtime error/, /invalid memory address/];

export function notForPeople(text: string): string[] {
    return NOT_FOR_PEOPLE.filter((re) => re.test(text)).map((re) => String(re));
}

// --- The fault proxy ---

export type Fault =
    | 'forward' // passes the request to the server and its answer back
    | 'hang' // accepts the request and never answers
    | 'error500' // answers 500 with a Mattermost-style JSON error
    | 'swallow'; // passes the request on, then never answers (the change is made, the caller is not told)

export type Rule = (req: {method: string; url: string; seen: number}) => Fault | undefined;

export type FaultProxy = {

    // The proxy's base URL, and one where nothing listens (a refused connection).
    url: string;
    refusedURL: string;

    // What every request gets unless a rule says otherwise.
    fault: Fault;

    // A rule for some requests (first match wins); cleared by reset().
    rules: Rule[];

    // Requests seen since the last reset, as "METHOD /path".
    seen: string[];
    reset: (fault?: Fault) => void;
    close: () => Promise<void>;
};

export const SERVER_ERROR = {id: 'app.fault_proxy.internal_error', message: 'The server failed while handling the request.', detailed_error: '', request_id: 'faultproxy', status_code: 500};

async function closedPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const port = (s.address() as AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

// A proxy on 127.0.0.1 to target (the server's own address).
export async function startFaultProxy(target: string): Promise<FaultProxy> {
    const upstream = new URL(target);
    const hanging = new Set<http.ServerResponse>();
    const proxy: FaultProxy = {
        url: '',
        refusedURL: `http://127.0.0.1:${await closedPort()}`,
        fault: 'forward',
        rules: [],
        seen: [],
        reset: (fault = 'forward') => {
            proxy.fault = fault;
            proxy.rules = [];
            proxy.seen = [];
        },
        close: async () => undefined,
    };
    const server = http.createServer((req, res) => {
        const method = req.method ?? 'GET';
        const url = req.url ?? '/';
        const seen = proxy.seen.length;
        proxy.seen.push(`${method} ${url.split('?')[0]}`);
        const fault = proxy.rules.map((rule) => rule({method, url, seen})).find(Boolean) ?? proxy.fault;
        if (fault === 'hang') {
            hanging.add(res);
            req.resume();
            return;
        }
        if (fault === 'error500') {
            req.resume();
            res.writeHead(500, {'Content-Type': 'application/json'});
            res.end(JSON.stringify(SERVER_ERROR));
            return;
        }
        const forwarded = http.request({
            host: upstream.hostname,
            port: upstream.port,
            method,
            path: url,
            headers: {...req.headers, host: upstream.host},
        }, (answer) => {
            if (fault === 'swallow') {
                hanging.add(res);
                answer.resume();
                return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        forwarded.on('error', () => res.destroy());
        req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy.close = () => new Promise<void>((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
    });
    return proxy;
}
