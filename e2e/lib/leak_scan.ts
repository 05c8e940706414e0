// The leak scan: every place a secret of a session appears, over everything
// the session may have written to: the Posts table (message and props), the
// server log files of the run directory (every *.log under $E2E_RUN_DIR, the
// server logging at DEBUG, a second server's and PostgreSQL's included), the
// plugin KV store (every plugin's rows, gzip and zlib values decoded), the
// audit records (the audits table, and the audit log file when the server's
// config turns one on), the jobs table's data, and a browser's storage
// (localStorage, sessionStorage, IndexedDB and cookies of a Playwright page).
//
//   const findings = await scanForSecrets(secrets, {expect: {posts: [eventId]}});
//   expect(findings).toEqual([]);
//
// Each source counts what it read (`scanSecrets(...).read`), and a scan fails
// (throws) when a source in `require` read nothing or a string in `expect` is
// not in what a source read: a scan that reads nothing proves nothing. A
// finding names the secret only by its first four characters, so a failing
// test does not print the secret it found.
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {gunzipSync, inflateSync} from 'node:zlib';

import type {Page} from 'playwright-core';

export type Source = 'posts' | 'logs' | 'kv' | 'audits' | 'audit_log' | 'jobs' | 'browser';
export const SERVER_SOURCES: Source[] = ['posts', 'logs', 'kv', 'audits', 'audit_log', 'jobs'];

export type Finding = {
    source: Source;

    // The row or file: "post <id>", "<file>:<line>", "kv <plugin>/<key>", "audit <id>", "job <id>", "localStorage <key>"...
    where: string;

    // The secret's first four characters and its position in the secrets given.
    hint: string;
    index: number;
};

export type Read = {items: number; bytes: number};

export type ScanOptions = {

    // Sources to scan (default: every server source; `browser` needs scanBrowserStorage).
    sources?: Source[];

    // Sources that must have read at least one item (default: posts, logs, kv).
    require?: Source[];

    // Strings each source must have read: proof it read the session's own writes.
    expect?: Partial<Record<Source, string[]>>;

    // The run directory whose *.log files are read (default $E2E_RUN_DIR).
    runDir?: string;

    // The database (default $E2E_PG).
    database?: string;
};

export type ScanResult = {findings: Finding[]; read: Record<Source, Read>};

type Item = {where: string; text: string};

// Finds every secret in texts. Secrets of letters and digits (Mattermost's are
// 26) are looked up in a Set from each run of such characters, every window of
// each secret length, so a text is read once however many secrets there are (a
// load run has thousands); any other secret is searched for as it is.
class Matcher {
    private readonly words = new Map<string, number>();
    private readonly lengths: number[];
    private readonly others: Array<[string, number]> = [];
    private readonly hints: string[] = [];

    constructor(secrets: Iterable<string>) {
        let index = 0;
        for (const secret of secrets) {
            this.hints.push(secret.slice(0, 4) + '…');
            if ((/^[A-Za-z0-9]+$/).test(secret)) {
                if (!this.words.has(secret)) {
                    this.words.set(secret, index);
                }
            } else if (secret) {
                this.others.push([secret, index]);
            }
            index++;
        }
        this.lengths = [...new Set([...this.words.keys()].map((s) => s.length))];
    }

    get size() {
        return this.hints.length;
    }

    find(source: Source, item: Item, out: Finding[]) {
        const hit = (index: number, line: number) => out.push({source, where: line ? `${item.where}:${line}` : item.where, hint: this.hints[index], index});
        const lineOf = (offset: number) => (item.where.startsWith('file ') ? item.text.slice(0, offset).split('\n').length : 0);
        if (this.lengths.length) {
            const minLength = Math.min(...this.lengths);
            for (const run of item.text.matchAll(/[A-Za-z0-9]+/g)) {
                const word = run[0];
                if (word.length < minLength) {
                    continue;
                }
                for (const length of this.lengths) {
                    for (let i = 0; i + length <= word.length; i++) {
                        const index = this.words.get(word.slice(i, i + length));
                        if (index !== undefined) {
                            hit(index, lineOf(run.index! + i));
                        }
                    }
                }
            }
        }
        for (const [secret, index] of this.others) {
            for (let at = item.text.indexOf(secret); at >= 0; at = item.text.indexOf(secret, at + 1)) {
                hit(index, lineOf(at));
            }
        }
    }
}

function psqlJSON<T>(database: string, query: string): T {
    const out = execFileSync('psql', [database, '-tAc', query], {encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024});
    return JSON.parse(out.trim() || '[]') as T;
}

// Rows as {where, text}: the query must select `w` and `t`.
const rows = (database: string, query: string): Item[] =>
    psqlJSON<Array<{w: string; t: string | null}>>(database, `SELECT coalesce(json_agg(json_build_object('w', w, 't', t)), '[]') FROM (${query}) q`).
        map((r) => ({where: r.w, text: r.t ?? ''}));

function tableExists(database: string, table: string): boolean {
    return psqlJSON<boolean>(database, `SELECT to_json(to_regclass('public.${table}') IS NOT NULL)`);
}

// A KV value as the plugin wrote it: decompressed when it is gzip or zlib.
export function decodeKV(raw: Buffer): string {
    if (raw[0] === 0x1f && raw[1] === 0x8b) {
        try {
            return gunzipSync(raw).toString('latin1');
        } catch {
            return raw.toString('latin1');
        }
    }
    if (raw[0] === 0x78) {
        try {
            return inflateSync(raw).toString('latin1');
        } catch {
            return raw.toString('latin1');
        }
    }
    return raw.toString('latin1');
}

function logFiles(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
        for (const entry of readdirSync(d, {withFileTypes: true})) {
            const path = join(d, entry.name);

            // Symbolic links (the server's i18n, templates, fonts, the web app) are not the run's.
            if (entry.isDirectory()) {
                // The database's own files and the plugins' bundles hold no log.
                if (!['data', 'plugins', 'client'].includes(entry.name) && !(d.endsWith('pg') && entry.name === 'data')) {
                    walk(path);
                }
            } else if (entry.isFile() && (entry.name.endsWith('.log') || entry.name === 'server.out')) {
                out.push(path);
            }
        }
    };
    walk(dir);
    return out.sort();
}

// The audit log file when ExperimentalAuditSettings turns one on.
function auditLogFile(runDir: string): string | undefined {
    const configFile = join(runDir, 'config.json');
    if (!existsSync(configFile)) {
        return undefined;
    }
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as {ExperimentalAuditSettings?: {FileEnabled?: boolean; FileName?: string}};
    const audit = config.ExperimentalAuditSettings;
    if (!audit?.FileEnabled || !audit.FileName) {
        return undefined;
    }
    const file = resolve(runDir, audit.FileName);
    return existsSync(file) ? file : undefined;
}

function readSource(source: Source, database: string, runDir: string): Item[] {
    switch (source) {
    case 'posts':
        return rows(database, "SELECT 'post ' || id AS w, message || ' ' || coalesce(props::text, '') AS t FROM posts");
    case 'kv':
        return psqlJSON<Array<{p: string; k: string; v: string | null}>>(database,
            "SELECT coalesce(json_agg(json_build_object('p', pluginid, 'k', pkey, 'v', encode(pvalue, 'base64'))), '[]') FROM pluginkeyvaluestore").
            map((r) => ({where: `kv ${r.p}/${r.k}`, text: `${r.k} ${decodeKV(Buffer.from(r.v ?? '', 'base64'))}`}));
    case 'audits':
        return tableExists(database, 'audits') ? rows(database, "SELECT 'audit ' || id AS w, concat_ws(' ', action, extrainfo, ipaddress, sessionid) AS t FROM audits") : [];
    case 'jobs':
        return tableExists(database, 'jobs') ? rows(database, "SELECT 'job ' || id || ' (' || type || ')' AS w, coalesce(data::text, '') AS t FROM jobs") : [];
    case 'logs':
        return logFiles(runDir).map((file) => ({where: `file ${file.slice(runDir.length + 1)}`, text: readFileSync(file, 'latin1')}));
    case 'audit_log': {
        const file = auditLogFile(runDir);
        return file && statSync(file).isFile() ? [{where: `file ${file}`, text: readFileSync(file, 'latin1')}] : [];
    }
    case 'browser':
        return [];
    }
    return [];
}

function check(read: Record<Source, Read>, texts: Partial<Record<Source, string[]>>, opts: ScanOptions, sources: Source[]) {
    const problems: string[] = [];
    for (const source of opts.require ?? ['posts', 'logs', 'kv']) {
        if (sources.includes(source) && read[source].items === 0) {
            problems.push(`${source}: read nothing`);
        }
    }
    for (const [source, wanted] of Object.entries(opts.expect ?? {}) as Array<[Source, string[]]>) {
        for (const w of wanted) {
            if (!(texts[source] ?? []).some((t) => t.includes(w))) {
                problems.push(`${source}: ${JSON.stringify(w)} is not in what was read`);
            }
        }
    }
    if (problems.length) {
        throw new Error(`the leak scan did not read what it must: ${problems.join('; ')}`);
    }
}

const emptyRead = (): Record<Source, Read> => Object.fromEntries(['posts', 'logs', 'kv', 'audits', 'audit_log', 'jobs', 'browser'].map((s) => [s, {items: 0, bytes: 0}])) as Record<Source, Read>;

// Scans the server's sources; findings and what each source read.
export async function scanSecrets(secrets: Iterable<string>, opts: ScanOptions = {}): Promise<ScanResult> {
    const matcher = new Matcher(secrets);
    const database = opts.database ?? process.env.E2E_PG;
    const runDir = opts.runDir ?? process.env.E2E_RUN_DIR;
    if (!database || !runDir) {
        throw new Error('E2E_PG and E2E_RUN_DIR are not set: the leak scan runs through e2e/run.sh');
    }
    const sources = (opts.sources ?? SERVER_SOURCES).filter((s) => s !== 'browser');
    const findings: Finding[] = [];
    const read = emptyRead();
    const texts: Partial<Record<Source, string[]>> = {};
    for (const source of sources) {
        const items = readSource(source, database, runDir);
        read[source] = {items: items.length, bytes: items.reduce((n, i) => n + i.text.length, 0)};
        if (opts.expect?.[source]) {
            texts[source] = items.map((i) => i.text);
        }
        items.forEach((item) => matcher.find(source, item, findings));
    }
    check(read, texts, opts, sources);
    return {findings, read};
}

// Every place a secret appears in the server's sources (see scanSecrets).
export async function scanForSecrets(secrets: Iterable<string>, opts: ScanOptions = {}): Promise<Finding[]> {
    return (await scanSecrets(secrets, opts)).findings;
}

type Stored = {local: Array<[string, string]>; session: Array<[string, string]>; indexed: Array<[string, string]>; indexedError: string};

// A Playwright page's storage for its origin: localStorage, sessionStorage,
// every IndexedDB database's records (where the browser lists them), and the
// context's cookies. `require` (default true) fails the scan when the page
// stored nothing at all.
export async function scanBrowserStorage(page: Page, secrets: Iterable<string>, {require = true} = {}): Promise<ScanResult> {
    const matcher = new Matcher(secrets);
    const stored = await page.evaluate(async (): Promise<Stored> => {
        const pairs = (s: Storage) => Array.from({length: s.length}, (_, i) => s.key(i)!).map((k): [string, string] => [k, s.getItem(k) ?? '']);
        const indexed: Array<[string, string]> = [];
        let indexedError = '';
        try {
            const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
            for (const info of dbs) {
                if (!info.name) {
                    continue;
                }
                // eslint-disable-next-line no-await-in-loop
                const db = await new Promise<IDBDatabase>((ok, fail) => {
                    const open = indexedDB.open(info.name!);
                    open.onsuccess = () => ok(open.result);
                    open.onerror = () => fail(open.error);
                });
                for (const store of Array.from(db.objectStoreNames)) {
                    // eslint-disable-next-line no-await-in-loop
                    const values = await new Promise<unknown[]>((ok, fail) => {
                        const all = db.transaction(store, 'readonly').objectStore(store).getAll();
                        all.onsuccess = () => ok(all.result);
                        all.onerror = () => fail(all.error);
                    });
                    values.forEach((v, i) => indexed.push([`${info.name}/${store}[${i}]`, JSON.stringify(v) ?? String(v)]));
                }
                db.close();
            }
        } catch (err) {
            indexedError = String(err);
        }
        return {local: pairs(localStorage), session: pairs(sessionStorage), indexed, indexedError};
    });
    if (stored.indexedError) {
        throw new Error(`the leak scan could not read IndexedDB: ${stored.indexedError}`);
    }
    const cookies = (await page.context().cookies()).map((c): [string, string] => [c.name, c.value]);
    const items: Item[] = [
        ...stored.local.map(([k, v]) => ({where: `localStorage ${k}`, text: `${k} ${v}`})),
        ...stored.session.map(([k, v]) => ({where: `sessionStorage ${k}`, text: `${k} ${v}`})),
        ...stored.indexed.map(([k, v]) => ({where: `indexedDB ${k}`, text: v})),
        ...cookies.map(([k, v]) => ({where: `cookie ${k}`, text: `${k} ${v}`})),
    ];
    const findings: Finding[] = [];
    items.forEach((item) => matcher.find('browser', item, findings));
    const read = emptyRead();
    read.browser = {items: items.length, bytes: items.reduce((n, i) => n + i.text.length, 0)};
    if (require && items.length === 0) {
        throw new Error('the leak scan read nothing from the browser: the page stored nothing');
    }
    return {findings, read};
}
