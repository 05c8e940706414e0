// Property-based parity: fast-check generates commands, URLs and server text;
// every one is answered by the TypeScript half here and by the Go half (the
// oracle in server/internal/parity, named by PARITY_PEER), and the answers must
// be equal, error texts included. `make fuzz` runs it with FUZZ_RUNS=100000.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {createInterface} from 'node:readline';

import fc from 'fast-check';

import {answer, normalize, type Kind} from './answer';

import {grammar} from '../../webapp/src/grammar/grammar';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

class GoOracle {
    private child: ChildProcessWithoutNullStreams;
    private waiting: Array<(line: string) => void> = [];

    constructor(argv: string[], cwd?: string) {
        this.child = spawn(argv[0], argv.slice(1), {cwd});
        createInterface({input: this.child.stdout}).on('line', (line) => this.waiting.shift()?.(line));
    }

    ask(kind: Kind, input: string): Promise<unknown> {
        return new Promise((resolve) => {
            this.waiting.push((line) => resolve(JSON.parse(line)));
            this.child.stdin.write(JSON.stringify({kind, input}) + '\n');
        });
    }

    stop() {
        this.child.stdin.end();
    }
}

const peer = (process.env.PARITY_PEER ?? '').split(' ').filter(Boolean);
if (peer.length === 0) {
    throw new Error('PARITY_PEER must name the Go oracle (make fuzz builds it and sets it)');
}
const oracle = new GoOracle(peer, process.env.PARITY_DIR);
afterAll(() => oracle.stop());

const counts: Record<Kind, number> = {command: 0, url: 0, render: 0};
afterAll(() => {
    process.stdout.write(`fast-check parity: ${counts.command} commands, ${counts.url} URLs, ${counts.render} texts compared with the Go half\n`);
});

async function agree(kind: Kind, input: string) {
    counts[kind]++;
    expect(normalize(answer({kind, input}))).toEqual(await oracle.ask(kind, input));
}

const pieces = (parts: Array<fc.Arbitrary<string>>, maxLength: number) =>
    fc.array(fc.oneof(...parts), {maxLength}).map((a) => a.join(''));

// Any well-formed text: what a phone, a paste or an attacker can send.
const anyText = fc.string({unit: 'binary', maxLength: 40});

const URL_BITS = [
    'http://', 'https://', 'HTTP://', 'ftp://', '//', '/', '?', '#', '@', ':', '::', '[', ']', '%', '%25', '%2',
    '%80', '%41', '%20', '%zz', '.', '..', '1', '12', '255', '256', '01', '0', '1.2.3.4', 'ffff', 'fe80', 'a',
    'example.com', 'eth0', '-', '_', '~', '!', '+', '`', '^', '{', '\\', '|', ' ', '"', '<', 'é', '\u0000', '\u007f', '\u2028',
];
const urlBit = fc.constantFrom(...URL_BITS);

// IP literals: hex groups, colons and the odd embedded IPv4 or zone, mostly in brackets.
const ipGroup = fc.oneof(fc.constantFrom('0', '1', 'fe80', 'ffff', 'FFFF', '12345', 'g', ''), fc.integer({min: 0, max: 0xffff}).map((n) => n.toString(16)));
const ipLiteral = fc.tuple(
    fc.constantFrom('[', '[', '[', ''),
    fc.array(fc.tuple(ipGroup, fc.constantFrom(':', ':', '::', '.')), {maxLength: 9}).map((a) => a.flat().join('')),
    fc.constantFrom('', '1', '1.2.3.4', '01.2.3.4', '256.1.1.1', '1.2.3'),
    fc.constantFrom('', '', '%25eth0', '%25', '%25%20x', '%25%41', '%eth0', '%25a]b'),
    fc.constantFrom(']', ']', ''),
).map((p) => p.join(''));
const urls = fc.oneof(
    {weight: 6, arbitrary: fc.tuple(fc.constantFrom('http://', 'https://'), pieces([urlBit, anyText.map((s) => Array.from(s).slice(0, 3).join(''))], 12)).map(([p, r]) => p + r)},
    {weight: 3, arbitrary: fc.tuple(fc.constantFrom('http://', 'https://u@'), ipLiteral, fc.constantFrom('', ':', ':80', ':x', '%25', ']'), fc.constantFrom('', '/', '/p?q#f')).map((p) => p.join(''))},
    {weight: 1, arbitrary: fc.webUrl({withQueryParameters: true, withFragments: true})},
    {weight: 1, arbitrary: anyText},
);

const verbWords = grammar.verbs.flatMap((v) => [v.name, v.name.toUpperCase()]).concat(['İnfo', 'ınfo', 'ſhow', 'help', 'nope']);
const flagWords = Array.from(new Set(grammar.verbs.flatMap((v) => v.flags.map((f) => '--' + f.name)))).concat(['--', '---', '--x', '--name=', '--page=0', '--trusted=yes']);
const valueWords = ['0', '1', '200', '201', '-1', '1e3', 'yes', 'no', 'x', '@user', 'Build bot', 'abcdefghijklmnopqrstuvwxyz'];
const commandBit = fc.oneof(
    {weight: 3, arbitrary: fc.constantFrom(...verbWords)},
    {weight: 4, arbitrary: fc.constantFrom(...flagWords)},
    {weight: 2, arbitrary: fc.constantFrom(...valueWords)},
    {weight: 2, arbitrary: urls},
    {weight: 2, arbitrary: fc.constantFrom('"', '\u201c', '\u201d', '\\', '\\"', '\\\\', '=', ' ', '\t', '\n', '\r', '  ')},
    {weight: 1, arbitrary: anyText},
);
const commands = fc.oneof(
    {weight: 8,
        arbitrary: fc.tuple(fc.constantFrom('/oauth ', '/OAUTH ', '', '/oauth'), fc.array(commandBit, {maxLength: 8}), fc.constantFrom(' ', '', '"', ' "')).
            map(([head, words, sep]) => head + words.join(sep === '"' || sep === ' "' ? ' ' : sep))},
    {weight: 1, arbitrary: anyText},
);

const HOSTILE_BITS = ['`', '``', '\\', '|', '*', '_', '[', ']', '(', ')', '!', '<', '>', '#', ':', '@', '~', '\n', '\r', '\r\n', '\u2424', '\u2028', '\u2029', '\u0085', ' ', '\u200b', '\u202e', '\u0000', '\u001b', 'http://x', 'a', 'é', '😀'];
const texts = fc.oneof(pieces([fc.constantFrom(...HOSTILE_BITS)], 16), fc.string({unit: 'grapheme', maxLength: 300}), anyText);

const settings = {numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2147483647)};
const timeout = Math.max(60_000, RUNS * 5);

test('commands parse alike, error texts included', async () => {
    await fc.assert(fc.asyncProperty(commands, (c) => agree('command', c)), settings);
}, timeout);

test('URLs are judged alike', async () => {
    await fc.assert(fc.asyncProperty(urls, (u) => agree('url', u)), settings);
}, timeout);

test('server text is escaped alike in every context', async () => {
    await fc.assert(fc.asyncProperty(texts, (s) => agree('render', s)), settings);
}, timeout);
