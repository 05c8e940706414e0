// Usage lines and Markdown help, rendered exactly as the Go half renders them
// (server/command/usage.go); testdata/help.golden.json keeps the two equal.
import {argLabel, findFlag, findVerb, grammar} from './grammar';
import type {Flag, Verb} from './grammar';

function exclusiveSwitch(verb: Verb, flag: Flag): Flag | undefined {
    if (flag.kind !== 'bool') {
        return undefined;
    }
    for (const [a, b] of verb.exclusive ?? []) {
        const other = a === flag.name ? findFlag(verb, b) : undefined;
        if (other?.kind === 'bool') {
            return other;
        }
    }
    return undefined;
}

export function usage(verb: Verb): string {
    const parts = ['/' + grammar.trigger, verb.name];
    for (const arg of verb.args) {
        parts.push(arg.required ? argLabel(arg) : `[${argLabel(arg)}]`);
    }
    const done = new Set<string>();
    for (const flag of verb.flags) {
        if (done.has(flag.name)) {
            continue;
        }
        const other = exclusiveSwitch(verb, flag);
        if (other) {
            parts.push(`[--${flag.name}|--${other.name}]`);
            done.add(other.name);
            continue;
        }
        let text = '--' + flag.name;
        if (flag.kind !== 'bool') {
            text += ' ' + flag.value;
        }
        if (flag.repeatable) {
            text += '...';
        }
        parts.push(flag.required ? text : `[${text}]`);
    }
    return parts.join(' ');
}

export function help(verbName = ''): string {
    const verb = findVerb(verbName);
    const t = grammar.trigger;
    if (!verb) {
        return [
            `#### /${t}: ${grammar.summary}`,
            '',
            ...grammar.verbs.map((v) => `- \`${usage(v)}\`: ${v.summary}`),
            '',
            'Values with spaces go in double quotes; `--flag=value` works as well as `--flag value`.',
            `Type \`/${t} help COMMAND\` for the details of one command.`,
        ].join('\n');
    }
    const lines = [`#### /${t} ${verb.name}`, verb.summary, '', '`' + usage(verb) + '`'];
    if (verb.args.length > 0 || verb.flags.length > 0) {
        lines.push('');
    }
    for (const arg of verb.args) {
        lines.push(`- \`${argLabel(arg)}\`: ${arg.help}`);
    }
    for (const flag of verb.flags) {
        const name = flag.kind === 'bool' ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
        const note = (flag.required ? ' (required)' : '') + (flag.repeatable ? ' (repeatable)' : '');
        lines.push(`- \`${name}\`: ${flag.help}${note}`);
    }
    if (verb.exclusive?.length) {
        const pairs = verb.exclusive.map(([a, b]) => `\`--${a}\` with \`--${b}\``);
        lines.push('', `Not together: ${pairs.join('; ')}.`);
    }
    if (verb.formWhenBare) {
        const bare = [`/${t}`, verb.name, ...verb.args.filter((a) => a.required).map(argLabel)].join(' ');
        lines.push('', `Without options, \`${bare}\` opens a form.`);
    }
    return lines.join('\n');
}
