// What webapp/dist/main.js must not hold so that one bundle runs on Mattermost
// 11.x (React 18, no JSX runtime on window) and 12 (React 19, which removed
// findDOMNode, the legacy root API, string refs and propTypes/defaultProps on
// function components). Works on production (minified) and development output.

// What both hosts publish on window for plugins (plugins/export.ts of 11.x and 12).
export const HOST_GLOBALS = ['React', 'ReactDOM', 'ReactIntl', 'Redux', 'ReactRedux', 'ReactBootstrap', 'ReactRouterDom', 'PropTypes', 'Luxon',
    'PostUtils', 'WebappUtils', 'Components', 'ProductApi', 'DesktopApp'];

export type Rule = {name: string; test: (source: string) => string[]};

// Every match of `pattern` (global), as short excerpts for the failure message.
function matches(pattern: RegExp, source: string): string[] {
    return [...source.matchAll(pattern)].slice(0, 3).map((m) => source.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30));
}

const re = (pattern: RegExp) => (source: string) => matches(pattern, source);

const escape = (s: string) => s.replace(/[$()]/g, '\\$&');

// The names the bundle binds window.ReactDOM to: `const h=window.ReactDOM` when
// webpack inlines the external (production), `react_dom__WEBPACK_IMPORTED_MODULE_3__`
// in development, and their esModuleInterop default getters (`var u=s.n(h)`).
function reactDOMBindings(source: string): string[] {
    const names = new Set<string>();
    for (const m of source.matchAll(/([\w$]+)\s*=\s*window(?:\.ReactDOM\b|\["ReactDOM"\])/g)) {
        names.add(m[1]);
    }
    for (const m of source.matchAll(/\b(react_dom__WEBPACK_IMPORTED_MODULE_\d+__)\s*=/g)) {
        names.add(m[1]);
    }
    for (const m of source.matchAll(/\b(\d+)\s*:\s*\(?\s*([\w$]+)\s*\)?\s*=>\s*\{\s*"use strict";\s*[\w$]+\.exports\s*=\s*window(?:\.ReactDOM\b|\["ReactDOM"\])/g)) {
        for (const use of source.matchAll(new RegExp(`([\\w$]+)\\s*=\\s*[\\w$]+\\(\\s*(?:/\\*[^*]*\\*/\\s*)?"?${m[1]}"?\\s*\\)`, 'g'))) {
            names.add(use[1]);
        }
    }
    for (const name of [...names]) {
        for (const m of source.matchAll(new RegExp(`([\\w$]+)\\s*=\\s*(?:/\\*[^*]*\\*/\\s*)?[\\w$]+\\.n\\(\\s*${escape(name)}\\s*\\)`, 'g'))) {
            names.add(`${m[1]}()`);
        }
    }
    return [...names];
}

export const RULES: Rule[] = [
    {
        name: 'a JSX runtime (embedded, imported or taken from window)',

        // 11.x publishes no JSX runtime, and an embedded one is an older React's.
        // Minified, the names are gone but not the calls `(0,o.jsx)(` nor the exports `t.jsxs=`.
        test: re(/react\/jsx-(?:dev-)?runtime|react-jsx-(?:dev-)?runtime|\bjsxDEV\b|\bReactJSX(?:Dev)?Runtime\b|\(0,\s*[\w$]+(?:\(\))?\.jsxs?\)\s*\(|[\w$]+\.jsxs\s*=(?!=)/g),
    },
    {
        name: 'React internals',
        test: re(/__SECRET_INTERNALS|__CLIENT_INTERNALS|__DOM_INTERNALS|\bReactCurrentOwner\b|\bReactCurrentDispatcher\b/g),
    },
    {
        name: 'an embedded copy of React or its element symbols',

        // An element made by another copy of React is not one to the host's React.
        test: re(/Symbol\.for\(\s*["'`]react\.(?:transitional\.)?element["'`]\s*\)|\breact(?:-dom)?\.(?:production|development)\b|react\.dev\/errors|reactjs\.org\/docs\/error-decoder/g),
    },
    {
        name: 'findDOMNode',
        test: re(/\bfindDOMNode\b/g),
    },
    {
        name: 'the legacy root API: ReactDOM.render or hydrate',
        test: (source) => [
            ...matches(/\bReactDOM\.(?:render|hydrate)\s*\(/g, source),
            ...reactDOMBindings(source).flatMap((name) => matches(new RegExp(`(?<![\\w$.])${escape(name)}\\s*\\.\\s*(?:render|hydrate)\\b`, 'g'), source)),
        ],
    },
    {
        name: 'the legacy root API: unmountComponentAtNode',
        test: re(/\bunmountComponentAtNode\b|\bunstable_renderSubtreeIntoContainer\b/g),
    },
    {
        name: 'string refs',
        test: re(/[{,]\s*ref\s*:\s*["'`]|\bthis\.refs\b/g),
    },
    {
        name: 'propTypes, defaultProps or legacy context',

        // Ignored on function components by React 19 (propTypes everywhere), as is legacy context.
        test: re(/\.(?:propTypes|defaultProps|contextTypes|childContextTypes)\s*=(?!=)|\bstatic\s+(?:propTypes|defaultProps|contextTypes|childContextTypes)\b/g),
    },
    {
        name: 'React.createFactory',
        test: re(/\bcreateFactory\b/g),
    },
];

// The window globals the bundle's externals read.
export function externals(source: string): string[] {
    const names = new Set<string>();
    for (const m of source.matchAll(/(?:\bexports\s*=\s*|\b(?:const|let|var)\s+[\w$]+\s*=\s*|,\s*[\w$]+\s*=\s*)window(?:\.([A-Z]\w*)|\["([A-Z]\w*)"\])/g)) {
        names.add(m[1] ?? m[2]);
    }
    return [...names].sort();
}

export type Problem = {rule: string; excerpts: string[]};

export function bundleProblems(source: string): Problem[] {
    const problems = RULES.map((rule) => ({rule: rule.name, excerpts: rule.test(source)})).filter((p) => p.excerpts.length > 0);
    const foreign = externals(source).filter((name) => !HOST_GLOBALS.includes(name));
    if (foreign.length) {
        problems.push({rule: 'a window global not every supported host publishes', excerpts: foreign});
    }
    if (!externals(source).includes('React')) {
        problems.push({rule: 'React not taken from window.React', excerpts: []});
    }
    return problems;
}
