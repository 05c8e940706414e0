// One main.js for Mattermost 11.x (React 18) and 12 (React 19): the production
// and development builds of the current source, made here with the project's
// webpack config, hold no JSX runtime, no copy of React, nothing React 19
// removed, and take the host's libraries from window. A fixture that breaks
// every rule proves the check can fail.
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

import {bundleProblems, externals, RULES} from './bundle_check';
import type {Problem} from './bundle_check';

const root = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'oauth-manager-bundle-'));
const modes = ['production', 'development'] as const;
type Mode = typeof modes[number];

async function build(config: string, mode: Mode, name: string): Promise<string> {
    const dir = join(out, name);
    await promisify(execFile)(join(root, 'node_modules/.bin/webpack'), [`--mode=${mode}`, '--config', config, '--output-path', dir], {cwd: root});
    return readFileSync(join(dir, 'main.js'), 'utf8');
}

const plugin: Partial<Record<Mode, string>> = {};
const broken: Partial<Record<Mode, string>> = {};

beforeAll(async () => {
    // Four builds at once: a few seconds each.
    await Promise.all(modes.flatMap((mode) => [
        build('webapp/webpack.config.js', mode, `plugin-${mode}`).then((s) => {
            plugin[mode] = s;
        }),
        build('webapp/bundle/fixture/webpack.config.js', mode, `broken-${mode}`).then((s) => {
            broken[mode] = s;
        }),
    ]));
}, 120_000);

afterAll(() => rmSync(out, {recursive: true, force: true}));

const report = (problems: Problem[]) => problems.map((p) => `${p.rule}:\n    ${p.excerpts.join('\n    ')}`).join('\n');

describe.each(modes)('the %s build of main.js', (mode) => {
    test('holds no JSX runtime, no copy of React, and nothing React 19 removed', () => {
        expect(report(bundleProblems(plugin[mode]!))).toBe('');
    });

    test('takes React and the other host libraries from window', () => {
        const names = externals(plugin[mode]!);
        expect(names).toContain('React');
        expect(names).not.toContain('ReactJSXRuntime');
        expect(names).toEqual(expect.arrayContaining(['ReactIntl', 'ReactRedux', 'Redux']));
    });
});

describe.each(modes)('a %s bundle with the automatic JSX runtime and what React 19 removed (fixture/breaks_hosts.tsx)', (mode) => {
    test.each(RULES.map((r) => r.name))('fails: %s', (rule) => {
        expect(bundleProblems(broken[mode]!).map((p) => p.rule)).toContain(rule);
    });
});

describe('the rules on snippets', () => {
    test.each([
        ['React.createFactory', 'const f=window.React.createFactory("div")'],
        ['the legacy root API: ReactDOM.render or hydrate', 'const h=window.ReactDOM;var u=s.n(h);u().render(e,c)'],
        ['the legacy root API: ReactDOM.render or hydrate', 'const h=window.ReactDOM;(0,h.hydrate)(e,c)'],
        ['the legacy root API: ReactDOM.render or hydrate', 'var react_dom__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__("react-dom");' +
            'var react_dom__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(react_dom__WEBPACK_IMPORTED_MODULE_2__);' +
            'react_dom__WEBPACK_IMPORTED_MODULE_2___default().render(e, c)'],
        ['a window global not every supported host publishes', 'const j=window.ReactJSXRuntime;'],
        ['propTypes, defaultProps or legacy context', 'Greeting.propTypes = {name: x};'],
        ['string refs', 'createElement("div",{ref:"box"})'],
    ])('%s: %s', (rule, snippet) => {
        expect(bundleProblems(`const r=window.React;${snippet}`).map((p) => p.rule)).toContain(rule);
    });

    test.each([
        'const h=window.ReactDOM;(0,h.createPortal)(e,c);root.render(e)',
        'if (a.propTypes === b) {}',
        'const x={ref:r,key:"k"}; renderer.render(tokens)',
        'const d=window.ReactBootstrap; d.Modal',
    ])('no false alarm: %s', (snippet) => {
        expect(report(bundleProblems(`const r=window.React;${snippet}`))).toBe('');
    });
});
