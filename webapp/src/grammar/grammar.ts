// The /oauth grammar is data shared with the Go half (server/command/grammar.json):
// one definition drives this parser, the help text and the server's autocomplete.
import grammarJson from '../../../server/command/grammar.json';

export type ArgKind = 'app' | 'verb' | 'user';
export type FlagKind = 'bool' | 'text' | 'url' | 'int' | 'enum';

export type Arg = {
    name: string;
    kind: ArgKind;
    required: boolean;
    help: string;
};

export type Flag = {
    name: string;
    kind: FlagKind;
    value?: string;
    values?: string[];
    min?: number;
    max?: number;
    required?: boolean;
    repeatable?: boolean;
    allowEmpty?: boolean;
    help: string;
};

export type Verb = {
    name: string;
    summary: string;
    args: Arg[];
    flags: Flag[];
    exclusive?: Array<[string, string]>;
    formWhenBare?: boolean;

    // Answered by the server half on every client (it owns the change trail and the bot).
    server?: boolean;
};

export type Grammar = {
    trigger: string;
    summary: string;
    verbs: Verb[];
};

// The JSON's literal types widen to string; the Go tests check kinds are valid.
export const grammar = grammarJson as Grammar;

export function findVerb(name: string): Verb | undefined {
    return grammar.verbs.find((v) => v.name === name);
}

export function findFlag(verb: Verb, name: string): Flag | undefined {
    return verb.flags.find((f) => f.name === name);
}

export function verbNames(): string[] {
    return grammar.verbs.map((v) => v.name);
}

// Verbs the web app answers itself; the others (`server: true`) go to the server.
export function browserVerbNames(): string[] {
    return grammar.verbs.filter((v) => !v.server).map((v) => v.name);
}

export function isServerVerb(name: string): boolean {
    return Boolean(findVerb(name)?.server);
}

export function argLabel(arg: Arg): string {
    return arg.kind === 'user' ? '@USER' : arg.name.toUpperCase();
}
