// The printed table: per verb, requests and latency percentiles through the
// plugin and straight to REST, the errors, and the ratio plugin/REST.

import {VERBS} from './mix';
import {errorsByKind} from './runner';
import type {Recorded} from './runner';

import {count, percentile, say} from '../bench/common';

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
function fmt(t: number): string {
    if (Number.isNaN(t)) {
        return '—';
    }
    if (t >= 1000) {
        return `${(t / 1000).toFixed(2)}s`;
    }
    return `${t.toFixed(t < 10 ? 1 : 0)}ms`;
}
const ratio = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) || b === 0 ? '—' : `${(a / b).toFixed(1)}×`);

function errorsOf(rec: Recorded, verb: string): number {
    return [...(rec.errors.get(verb)?.values() ?? [])].reduce((a, b) => a + b, 0);
}

function cells(rec: Recorded, verb: string): string[] {
    const times = rec.latencies.get(verb) ?? [];
    if (times.length === 0) {
        return ['—', '', '', '', ''];
    }
    return [count(times.length), fmt(percentile(times, 50)), fmt(percentile(times, 95)), fmt(percentile(times, 99)), String(errorsOf(rec, verb))];
}

const WIDTHS = [15, 7, 8, 8, 8, 5, 7, 8, 8, 8, 5, 9, 9];

function row(values: string[]) {
    say(values.map((v, i) => (i === 0 ? pad(v, WIDTHS[i]) : lpad(v, WIDTHS[i]))).join(' '));
}

export function printTable(plugin: Recorded, rest: Recorded) {
    row(['verb', 'n', 'p50', 'p95', 'p99', 'err', 'REST n', 'p50', 'p95', 'p99', 'err', 'p50 ratio', 'p95 ratio']);
    row(['', '(plugin)', '', '', '', '', '', '', '', '', '', 'plug/REST', 'plug/REST']);
    for (const verb of VERBS) {
        const p = plugin.latencies.get(verb.name) ?? [];
        const r = rest.latencies.get(verb.name) ?? [];
        if (p.length === 0 && r.length === 0) {
            continue;
        }
        row([verb.name, ...cells(plugin, verb.name), ...cells(rest, verb.name),
            ratio(percentile(p, 50), percentile(r, 50)), ratio(percentile(p, 95), percentile(r, 95))]);
    }
    const all = (rec: Recorded) => [...rec.latencies.values()].flat();
    row(['all', ...cells({...plugin, latencies: new Map([['all', all(plugin)]]), errors: new Map([['all', errorsByKind(plugin)]])}, 'all'),
        ...cells({...rest, latencies: new Map([['all', all(rest)]]), errors: new Map([['all', errorsByKind(rest)]])}, 'all'),
        ratio(percentile(all(plugin), 50), percentile(all(rest), 50)), ratio(percentile(all(plugin), 95), percentile(all(rest), 95))]);
}

export function describeErrors(rec: Recorded): string {
    const kinds = errorsByKind(rec);
    if (kinds.size === 0) {
        return 'no errors';
    }
    return [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
