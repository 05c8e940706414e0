// A second Mattermost server beside the one e2e/run.sh started: the same
// binary, the SAME PostgreSQL database and the SAME file store
// (FileSettings.Directory), its own loopback port, plugin directories, local
// mode socket and log. It stands for a second node of a deployment, to test
// that the plugin's scheduled work runs once when two servers run it.
//
// What was found on the pinned server (11.4.0, built from the module proxy):
// - No license is needed, and no clustering happens: this build has no cluster
//   implementation at all (the enterprise cluster package is private and is not
//   compiled in; ClusterSettings, which would also need a license, change
//   nothing). Each server thinks it is alone: no cluster messages, each keeps
//   its own caches. What the two share is the database (users, sessions, posts,
//   OAuth apps, the plugin KV store, through which pluginapi/cluster's mutex and
//   job schedule work) and the file store.
// - The plugin installed on server 1 is installed and running on server 2: at
//   start a server syncs plugin bundles from the file store
//   (<FileSettings.Directory>/plugins/<id>.tar.gz) into its own
//   PluginSettings.Directory, and activates those its config enables
//   (PluginSettings.PluginStates, copied from server 1's config file).
// - Config is not shared. Server 2 starts from a copy of server 1's config file
//   as it is at that moment (so plugin settings saved before the start are
//   there); a later PUT /api/v4/config on server 1 does not reach server 2
//   (nothing carries it without cluster messaging, and the file store does not
//   watch its file). Set a later change on each server: `patchConfigEverywhere`.
// - Sessions live in the database, so a token signed in on server 1 works on
//   server 2.
// - Start: about 1.5 s on 2 cores from spawn to the plugin running (the
//   database is migrated already; `startMs` has each start's figure). The log
//   says "Team Edition Build"; /api/v4/license/client answers IsLicensed false.
//
// The server is started directly (not through a shell), so the recorded pid is
// the server's own; stop() sends SIGTERM (the server stops its plugins) and
// waits. Its pid is also written to <run>/server2/server.pid, which e2e/run.sh's
// cleanup reads if a test dies before stop() (a killed test process leaves the
// server running).
import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {closeSync, mkdirSync, openSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, existsSync} from 'node:fs';
import {createServer} from 'node:net';
import {dirname, join} from 'node:path';

import {Client4} from '@mattermost/client';

import type {E2EEnv} from './env';

const PLUGIN_ID = 'oauth-manager';
const RUNNING = 2;

export type SecondServer = {
    siteURL: string;
    pid: number;
    dir: string;

    // Server 2's own log file (server 1's is $E2E_SERVER_LOG).
    logFile: string;

    // From spawn to the plugin running on it.
    startMs: number;
    stop: () => Promise<void>;
};

export function runDir(): string {
    const dir = process.env.E2E_RUN_DIR ?? (process.env.E2E_ENV_FILE ? dirname(process.env.E2E_ENV_FILE) : '');
    if (!dir) {
        throw new Error('E2E_RUN_DIR is not set: run through e2e/run.sh');
    }
    return dir;
}

function serverBinary(dir: string): string {
    if (process.env.E2E_MM_BIN) {
        return process.env.E2E_MM_BIN;
    }
    throw new Error(`E2E_MM_BIN is not set: run through e2e/run.sh (run directory ${dir})`);
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
    });
}

export function clientOn(siteURL: string, token: string): Client4 {
    const client = new Client4();
    client.setUrl(siteURL);
    client.setToken(token);
    return client;
}

type Config = Record<string, Record<string, unknown>>;

async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>, alive: () => boolean): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const value = await probe().catch(() => undefined);
        if (value !== undefined) {
            return value;
        }
        if (!alive()) {
            throw new Error(`the second server exited while waiting for ${what}`);
        }
        if (Date.now() > deadline) {
            throw new Error(`the second server: ${what} did not happen within ${deadlineMs / 1000}s`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((r) => setTimeout(r, 250));
    }
}

function stopProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve();
    }
    return new Promise((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
            clearTimeout(force);
            resolve();
        });
        child.kill('SIGTERM');
    });
}

// Starts server 2 and waits until the plugin runs on it. `name` keeps the
// directories of several starts apart (a restart gets a fresh plugin directory,
// as a new node would). With `database`, it is instead a server of its own: a
// new, empty database of that name in the same PostgreSQL cluster and a file
// store of its own, with no user and no plugin yet (startEmptyServer).
export async function startSecondServer(env: E2EEnv, {name = 'server2', database = ''} = {}): Promise<SecondServer> {
    const run = runDir();
    const dir = join(run, name);
    rmSync(dir, {recursive: true, force: true});
    mkdirSync(join(dir, 'plugins'), {recursive: true});
    mkdirSync(join(dir, 'client', 'plugins'), {recursive: true});

    // Templates, translations and fonts as server 1 has them (run.sh links them
    // into its working directory).
    for (const entry of ['i18n', 'templates', 'fonts']) {
        symlinkSync(readlinkSync(join(run, entry)), join(dir, entry));
    }

    const port = await freePort();
    const siteURL = `http://127.0.0.1:${port}`;
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')) as Config;
    Object.assign(config.ServiceSettings, {
        SiteURL: siteURL,
        ListenAddress: `127.0.0.1:${port}`,
        LocalModeSocketLocation: join(dir, 'mattermost.sock'),
    });
    Object.assign(config.PluginSettings, {Directory: join(dir, 'plugins'), ClientDirectory: join(dir, 'client', 'plugins')});
    Object.assign(config.LogSettings, {FileLocation: `${dir}/`});
    if (database) {
        const source = new URL(String(config.SqlSettings.DataSource));
        source.pathname = `/${database}`;
        config.SqlSettings.DataSource = source.toString();
        Object.assign(config.FileSettings, {Directory: `${join(dir, 'data')}/`});
    }
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2));

    const out = openSync(join(dir, 'server.out'), 'w');
    const started = Date.now();
    const child = spawn(serverBinary(run), ['server', '--config', configFile], {cwd: dir, stdio: ['ignore', out, out]});
    closeSync(out);
    if (!child.pid) {
        throw new Error('the second server did not start');
    }
    writeFileSync(join(dir, 'server.pid'), String(child.pid));
    const alive = () => child.exitCode === null && child.signalCode === null;

    const stop = async () => {
        await stopProcess(child);
        rmSync(join(dir, 'server.pid'), {force: true});
    };

    try {
        await waitFor('the API', 120_000, async () => ((await fetch(`${siteURL}/api/v4/system/ping`)).ok ? true : undefined), alive);
        if (database) {
            return {siteURL, pid: child.pid, dir, logFile: join(dir, 'mattermost.log'), startMs: Date.now() - started, stop};
        }
        const admin = clientOn(siteURL, env.users.admin.token);
        await waitFor('the plugin running', 60_000, async () => {
            const status = (await admin.getPluginStatuses()).find((s) => s.plugin_id === PLUGIN_ID);
            return status?.state === RUNNING ? true : undefined;
        }, alive);
    } catch (err) {
        await stop();
        const tail = existsSync(join(dir, 'mattermost.log')) ? readFileSync(join(dir, 'mattermost.log'), 'utf8').split('\n').slice(-20).join('\n') : '';
        throw new Error(`${(err as Error).message}\n${tail}`);
    }

    return {siteURL, pid: child.pid, dir, logFile: join(dir, 'mattermost.log'), startMs: Date.now() - started, stop};
}

// Config is per server here (no cluster messaging): apply the same patch on each.
export async function patchConfigEverywhere(token: string, siteURLs: string[], patch: Parameters<Client4['patchConfig']>[0]) {
    for (const url of siteURLs) {
        // eslint-disable-next-line no-await-in-loop
        await clientOn(url, token).patchConfig(patch);
    }
}
