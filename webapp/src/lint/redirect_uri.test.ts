// The shared vectors (server/lint/testdata/vectors.json), which go test runs
// against the Go half: this half must give exactly the same answers.
import {CODES, allowlistAccepts, allowlistMatcher, lint, matchAllowlist, type Finding} from './redirect_uri';

import vectors from '../../../server/lint/testdata/vectors.json';

type Vectors = {
    versions: Array<{version: string; matcher: string}>;
    matches: Array<{note: string; uri: string; pattern: string; glob: boolean; per_component: boolean}>;
    accepts: Array<{note: string; uri: string; allowlist: string[]; version: string; accepts: boolean}>;
    lint: Array<{name: string; uris: string[]; allowlist: string[]; serverVersion: string; findings: Finding[]}>;
};

const v = vectors as unknown as Vectors;

// The versions the match vectors use for each matcher.
const GLOB_VERSION = '11.9.0';
const PER_COMPONENT_VERSION = '11.9.1';

describe('the allowlist matcher a server version runs', () => {
    test.each(v.versions.map((c) => [c.version, c.matcher] as const))('%j: %s', (version, matcher) => {
        expect(allowlistMatcher(version)).toBe(matcher);
    });
});

describe('one allowlist entry against one URI', () => {
    test.each(v.matches.map((c) => [c.note, c] as const))('%s', (_, c) => {
        expect({
            glob: matchAllowlist(c.uri, c.pattern, GLOB_VERSION),
            per_component: matchAllowlist(c.uri, c.pattern, PER_COMPONENT_VERSION),
            none: matchAllowlist(c.uri, c.pattern, '11.4.0'),
        }).toEqual({glob: c.glob, per_component: c.per_component, none: false});
    });
});

describe('a whole allowlist', () => {
    test.each(v.accepts.map((c) => [c.note, c] as const))('%s', (_, c) => {
        expect(allowlistAccepts(c.uri, c.allowlist, c.version)).toBe(c.accepts);
    });
});

describe('lint findings', () => {
    test('at least 60 cases, every code among the findings', () => {
        expect(v.lint.length).toBeGreaterThanOrEqual(60);
        const seen = new Set(v.lint.flatMap((c) => c.findings.map((f) => f.code)));
        expect([...seen].sort()).toEqual([...CODES].sort());
    });

    test.each(v.lint.map((c) => [c.name, c] as const))('%s', (_, c) => {
        const got = lint(c.uris, {allowlist: c.allowlist, serverVersion: c.serverVersion});
        expect(got).toEqual(c.findings);

        // Byte for byte: the same JSON as the Go half's, keys in the same order.
        expect(JSON.stringify(got)).toBe(JSON.stringify(c.findings));
    });
});
