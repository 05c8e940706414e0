// The English catalogue is extracted from the source, never edited by hand:
//   npx tsx scripts/i18n_extract.ts          check (make check-style): fails on a missing, unused or changed string
//   npx tsx scripts/i18n_extract.ts --write  rewrite webapp/i18n/en.json and the Go half's copy
// Every id starts with the plugin id. Messages keep to what both halves format
// the same way: {arg} and {n, plural, ...} (with {n}, not #, in what the Go half formats: # groups digits on the web only), no rich-text tags,
// no ICU quoting. grammar.json's summaries and help texts join the catalogue
// under ids that follow from their place (webapp/src/grammar/messages.ts).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const pluginId: string = JSON.parse(readFileSync(path.join(root, 'plugin.json'), 'utf8')).id;
export const CATALOGUE = path.join(root, 'webapp/i18n/en.json');
export const GO_COPY = path.join(root, 'server/command/i18n/en.json');
const GRAMMAR = path.join(root, 'server/command/grammar.json');

type GrammarJSON = {summary: string; verbs: Array<{name: string; summary: string; args: Array<{name: string; help: string}>; flags: Array<{name: string; help: string}>}>};

function grammarMessages(): Record<string, string> {
    const g: GrammarJSON = JSON.parse(readFileSync(GRAMMAR, 'utf8'));
    const prefix = `${pluginId}.grammar.`;
    const found: Record<string, string> = {[prefix + 'summary']: g.summary};
    for (const verb of g.verbs) {
        found[`${prefix}${verb.name}.summary`] = verb.summary;
        verb.args.forEach((a) => {
            found[`${prefix}${verb.name}.arg.${a.name}`] = a.help;
        });
        verb.flags.forEach((f) => {
            found[`${prefix}${verb.name}.flag.${f.name}`] = f.help;
        });
    }
    return found;
}

function extract(): Record<string, string> {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'i18n-')), 'en.json');
    execFileSync(path.join(root, 'node_modules/.bin/formatjs'), [
        'extract', 'webapp/src/**/*.{ts,tsx}', '--ignore', 'webapp/src/**/*.test.{ts,tsx}',
        '--format', 'simple', '--throws', '--out-file', out,
    ], {cwd: root, stdio: ['ignore', 'ignore', 'inherit']});
    const found: Record<string, string> = {...JSON.parse(readFileSync(out, 'utf8')), ...grammarMessages()};
    return Object.fromEntries(Object.keys(found).sort().map((id) => [id, found[id]]));
}

function problemsOf(found: Record<string, string>): string[] {
    const problems: string[] = [];
    for (const [id, message] of Object.entries(found)) {
        if (!id.startsWith(pluginId + '.')) {
            problems.push(`${id}: ids start with "${pluginId}."`);
        }
        if ((/<\/?[A-Za-z]/).test(message)) {
            problems.push(`${id}: no rich-text tags ("<…>") in messages; pass markup as an argument`);
        }
        if ((/'[{}#']/).test(message)) {
            problems.push(`${id}: an apostrophe before {, }, # or ' is ICU quoting, which the Go half does not read`);
        }
    }
    return problems;
}

function main() {
    const found = extract();
    const text = JSON.stringify(found, null, 4) + '\n';
    const problems = problemsOf(found);
    if (process.argv.includes('--write')) {
        writeFileSync(CATALOGUE, text);
        writeFileSync(GO_COPY, text);
    } else {
        const committed: Record<string, string> = JSON.parse(readFileSync(CATALOGUE, 'utf8'));
        for (const id of Object.keys(found)) {
            if (!(id in committed)) {
                problems.push(`${id}: in the source, missing from webapp/i18n/en.json`);
            } else if (committed[id] !== found[id]) {
                problems.push(`${id}: the source says ${JSON.stringify(found[id])}, webapp/i18n/en.json ${JSON.stringify(committed[id])}`);
            }
        }
        for (const id of Object.keys(committed)) {
            if (!(id in found)) {
                problems.push(`${id}: in webapp/i18n/en.json, used nowhere in the source`);
            }
        }
        if (readFileSync(GO_COPY, 'utf8') !== readFileSync(CATALOGUE, 'utf8')) {
            problems.push('server/command/i18n/en.json differs from webapp/i18n/en.json');
        }
    }

    // make dist gives every language to the Go half; the web half must import it too.
    const webCatalogues = readFileSync(path.join(root, 'webapp/src/i18n/translations.ts'), 'utf8');
    for (const file of readdirSync(path.dirname(CATALOGUE)).filter((f) => f.endsWith('.json') && f !== 'en.json')) {
        if (!webCatalogues.includes(`i18n/${file}'`)) {
            problems.push(`webapp/i18n/${file}: not imported in webapp/src/i18n/translations.ts, so the web half would not use it`);
        }
    }
    if (problems.length > 0) {
        process.stderr.write(problems.join('\n') + `\n${problems.length} i18n problem(s). After changing messages run: npx tsx scripts/i18n_extract.ts --write\n`);
        process.exit(1);
    }
    process.stdout.write(`i18n: ${Object.keys(found).length} messages, webapp/i18n/en.json up to date\n`);
}

main();
