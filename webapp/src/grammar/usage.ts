// Usage lines and Markdown help, rendered exactly as the Go half renders them
// (server/command/usage.go); testdata/help.golden.json keeps the two equal.
import {defineMessages, type IntlShape} from 'react-intl';

import {argLabel, findFlag, findVerb, grammar} from './grammar';
import type {Flag, Verb} from './grammar';
import {argHelp, flagHelp, grammarSummary, verbSummary} from './messages';

const m = defineMessages({
    quoting: {id: 'oauth-manager.help.quoting', defaultMessage: 'Values with spaces go in double quotes; `--flag=value` works as well as `--flag value`.'},
    details: {id: 'oauth-manager.help.details', defaultMessage: 'Type `/{trigger} help COMMAND` for the details of one command.'},
    required: {id: 'oauth-manager.help.required', defaultMessage: '(required)'},
    repeatable: {id: 'oauth-manager.help.repeatable', defaultMessage: '(repeatable)'},
    notTogether: {id: 'oauth-manager.help.not_together', defaultMessage: 'Not together: {pairs}.'},
    pair: {id: 'oauth-manager.help.pair', defaultMessage: '{a} with {b}'},
    form: {id: 'oauth-manager.help.form', defaultMessage: 'Without options, {command} opens a form.'},
});

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

export function help(intl: IntlShape, verbName = ''): string {
    const verb = findVerb(verbName);
    const t = grammar.trigger;
    if (!verb) {
        return [
            `#### /${t}: ${grammarSummary(intl)}`,
            '',
            ...grammar.verbs.map((v) => `- \`${usage(v)}\`: ${verbSummary(intl, v)}`),
            '',
            intl.formatMessage(m.quoting),
            intl.formatMessage(m.details, {trigger: t}),
        ].join('\n');
    }
    const lines = [`#### /${t} ${verb.name}`, verbSummary(intl, verb), '', '`' + usage(verb) + '`'];
    if (verb.args.length > 0 || verb.flags.length > 0) {
        lines.push('');
    }
    for (const arg of verb.args) {
        lines.push(`- \`${argLabel(arg)}\`: ${argHelp(intl, verb, arg)}`);
    }
    for (const flag of verb.flags) {
        const name = flag.kind === 'bool' ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
        const note = (flag.required ? ' ' + intl.formatMessage(m.required) : '') + (flag.repeatable ? ' ' + intl.formatMessage(m.repeatable) : '');
        lines.push(`- \`${name}\`: ${flagHelp(intl, verb, flag)}${note}`);
    }
    if (verb.exclusive?.length) {
        const pairs = verb.exclusive.map(([a, b]) => intl.formatMessage(m.pair, {a: `\`--${a}\``, b: `\`--${b}\``}));
        lines.push('', intl.formatMessage(m.notTogether, {pairs: pairs.join('; ')}));
    }
    if (verb.formWhenBare) {
        const bare = [`/${t}`, verb.name, ...verb.args.filter((a) => a.required).map(argLabel)].join(' ');
        lines.push('', intl.formatMessage(m.form, {command: `\`${bare}\``}));
    }
    return lines.join('\n');
}
