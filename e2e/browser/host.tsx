// A small stand-in for the Mattermost web app, for browser tests: it gives a
// plugin what the real host gives (window.registerPlugin, the libraries the
// host publishes at the host's versions, a store with redux-thunk, an
// IntlProvider with the plugin's registered translations, the registry calls
// this plugin makes), signs in with the server's session cookie, loads the
// plugin's real bundle from the server and renders its System Console section
// and a message box that runs slash commands through the registered hook.
//
// One source, two builds (webpack.config.js): against the root package's
// React 18 (e2e-host.js) and against e2e/host19's React 19 (e2e-host19.js),
// which also publishes the JSX runtimes as Mattermost 12 does.
import PropTypes from 'prop-types';
import React, {useEffect, useRef, useState} from 'react';
import * as JSXDevRuntime from 'react/jsx-dev-runtime';
import * as JSXRuntime from 'react/jsx-runtime';
import * as ReactBootstrap from 'react-bootstrap'; // eslint-disable-line no-restricted-imports -- the host exposes the whole module as window.ReactBootstrap
import ReactDOM from 'react-dom';
import {createRoot} from 'react-dom/client';
import * as ReactIntl from 'react-intl';
import * as ReactRedux from 'react-redux';
import * as Redux from 'redux'; // eslint-disable-line no-restricted-imports -- the host exposes the whole module as window.Redux
import type {Reducer} from 'redux';
import {thunk} from 'redux-thunk';

import type {SlashCommandHookResult, SlashCommandWillBePostedHook} from '../../webapp/src/types/registry';

Object.assign(window, {React, ReactDOM, Redux, ReactRedux, ReactIntl, ReactBootstrap, PropTypes});

// Mattermost 12 (React 19) publishes its JSX runtime for plugins built with the
// automatic transform, before any plugin runs. A production build of React has
// no jsxDEV: the host's forwards to jsx/jsxs, without dev diagnostics.
if (Number(React.version.split('.')[0]) >= 19) {
    const {Fragment, jsx, jsxs} = JSXRuntime;
    type Jsx = typeof jsx;
    const forward = (type: Parameters<Jsx>[0], props: Parameters<Jsx>[1], key: Parameters<Jsx>[2], isStaticChildren: boolean) => (isStaticChildren ? jsxs : jsx)(type, props, key);
    Object.assign(window, {ReactJSXRuntime: {Fragment, jsx, jsxs}, ReactJSXDevRuntime: {Fragment, jsxDEV: JSXDevRuntime.jsxDEV ?? forward}});
}

type User = {id: string; username: string; roles: string; locale?: string};
type Post = {id: string; message: string};
type Config = Record<string, string>;
type Entities = {users: {currentUserId: string; profiles: Record<string, User>}; general: {config: Config}};

// The signed-in user and the server's client config, as the web app keeps them.
const entities: Reducer<Entities> = (state = {users: {currentUserId: '', profiles: {}}, general: {config: {}}}, action) => {
    if (action.type === 'HOST_SIGNED_IN') {
        const {user, config} = action as unknown as {user: User; config: Config};
        return {users: {currentUserId: user.id, profiles: {[user.id]: user}}, general: {config: {SiteURL: window.location.origin, ...config}}};
    }
    return state;
};

const posts: Reducer<Post[]> = (state = [], action) => {
    if (action.type === 'RECEIVED_NEW_POST') {
        return [...state, (action as unknown as {data: Post}).data];
    }
    return state;
};

const staticReducers = {entities, posts};
const pluginReducers: Record<string, Reducer> = {};
const store = Redux.legacy_createStore(Redux.combineReducers(staticReducers), Redux.applyMiddleware(thunk));

const hooks: SlashCommandWillBePostedHook[] = [];
const sections: Record<string, React.ComponentType<Record<string, unknown>>> = {};
const roots: Array<{id: string; Component: React.ComponentType}> = [];
const translations: Array<(locale: string) => Record<string, string> | undefined> = [];
let registering = '';

const registry = {
    registerReducer(reducer: Reducer) {
        pluginReducers[`plugins-${registering}`] = reducer;
        store.replaceReducer(Redux.combineReducers({...staticReducers, ...pluginReducers}) as unknown as typeof store extends Redux.Store<infer S> ? Reducer<S> : never);
    },
    registerSlashCommandWillBePostedHook(hook: SlashCommandWillBePostedHook) {
        hooks.push(hook);
        return `hook${hooks.length}`;
    },
    registerRootComponent(component: React.ComponentType) {
        const id = `root${roots.length + 1}`;
        roots.push({id, Component: component});
        return id;
    },
    registerAdminConsoleCustomSection(key: string, component: React.ComponentType<Record<string, unknown>>) {
        sections[key.toLowerCase()] = component;
    },
    registerTranslations(getTranslationsForLocale: (locale: string) => Record<string, string> | undefined) {
        translations.push(getTranslationsForLocale);
    },
};

// The host's messages for a locale: here only what plugins registered.
const messagesFor = (locale: string) => Object.assign({}, ...translations.map((get) => get(locale) ?? {})) as Record<string, string>;

let rerender = () => undefined as void;

(window as unknown as {registerPlugin: unknown}).registerPlugin = (id: string, plugin: {initialize: (r: typeof registry, s: typeof store) => void}) => {
    registering = id;
    plugin.initialize(registry, store);
    rerender();
};

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const csrf = (/MMCSRF=([^;]+)/).exec(document.cookie)?.[1] ?? '';
    const response = await fetch(path, {...init, headers: {'X-Requested-With': 'XMLHttpRequest', 'X-CSRF-Token': csrf, 'Content-Type': 'application/json'}});
    const body = await response.json();
    if (!response.ok) {
        throw new Error(body.message ?? `HTTP ${response.status}`);
    }
    return body as T;
}

async function loadPlugins() {
    const manifests = await api<Array<{id: string; webapp: {bundle_path: string}}>>('/api/v4/plugins/webapp');
    await Promise.all(manifests.map((m) => new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = `/static/plugins/${m.id}/${m.webapp.bundle_path.split('/').pop()}`;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`could not load ${script.src}`));
        document.body.appendChild(script);
    })));
}

function SignIn({onDone}: {onDone: () => void}) {
    const [username, setUsername] = useState('');
    const [password, setPassword] = useState('');
    const [error, setError] = useState('');
    return (
        <form
            aria-label='Sign in'
            style={{padding: 32}}
            onSubmit={async (e) => {
                e.preventDefault();
                try {
                    const user = await api<User>('/api/v4/users/login', {method: 'POST', body: JSON.stringify({login_id: username, password})});
                    const config = await api<Config>('/api/v4/config/client?format=old');
                    store.dispatch({type: 'HOST_SIGNED_IN', user, config});
                    await loadPlugins();
                    onDone();
                } catch (err) {
                    setError((err as Error).message);
                }
            }}
        >
            <h2>{'Sign in'}</h2>
            <label>
                {'Username '}
                <input
                    value={username}
                    onChange={(e) => setUsername(e.target.value)}
                />
            </label>
            <label>
                {' Password '}
                <input
                    type='password'
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                />
            </label>
            <button type='submit'>{'Sign in'}</button>
            {error && <p role='alert'>{error}</p>}
        </form>
    );
}

function MessageBox() {
    const [draft, setDraft] = useState('');
    const [error, setError] = useState('');
    const postList = ReactRedux.useSelector((s: {posts: Post[]}) => s.posts);
    const log = useRef<HTMLDivElement>(null);

    // As a channel does: the newest post in view.
    useEffect(() => {
        log.current?.scrollTo({top: log.current.scrollHeight});
    }, [postList.length]);
    const send = async () => {
        let result: SlashCommandHookResult = {message: draft, args: {channel_id: 'host', team_id: 'host'}};
        for (const hook of hooks) {
            // eslint-disable-next-line no-await-in-loop
            result = await hook('message' in result ? result.message : draft, {channel_id: 'host', team_id: 'host'});
            if (!('message' in result)) {
                break;
            }
        }
        if ('error' in result) {
            setError(result.error.message);
            return;
        }
        setError('');
        setDraft('');
    };
    return (
        <section aria-label='Channel'>
            <h2>{'Town Square'}</h2>
            <div
                ref={log}
                role='log'
                aria-label='Posts'
                style={{maxHeight: 480, overflow: 'auto'}}
            >
                {postList.map((p) => (
                    <pre
                        key={p.id}
                        style={{whiteSpace: 'pre-wrap'}}
                    >{p.message}</pre>
                ))}
            </div>
            <textarea
                aria-label='Message'
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                rows={2}
                style={{width: '100%'}}
            />
            {error && (
                <p
                    role='alert'
                    aria-label='Command error'
                >{error}</p>
            )}
            <button
                type='button'
                onClick={send}
            >{'Send'}</button>
        </section>
    );
}

function Host() {
    const [signedIn, setSignedIn] = useState(false);
    const [, setTick] = useState(0);
    rerender = () => setTick((t) => t + 1);
    if (!signedIn) {
        return <SignIn onDone={() => setSignedIn(true)}/>;
    }
    const Section = sections.oauthapps;
    const {entities: {users}} = store.getState() as unknown as {entities: Entities};
    const locale = users.profiles[users.currentUserId]?.locale || 'en';
    return (
        <ReactRedux.Provider store={store}>
            <ReactIntl.IntlProvider
                locale={locale}
                defaultLocale='en'
                messages={messagesFor(locale)}
            >
                <main>
                    <section aria-label='System Console'>
                        <h2>{'System Console > Plugins > OAuth Apps Manager'}</h2>
                        {Section && <Section settingsList={[]}/>}
                        {!Section && <p>{'The plugin registered no section.'}</p>}
                    </section>
                    <MessageBox/>
                </main>
                {roots.map(({id, Component}) => <Component key={id}/>)}
            </ReactIntl.IntlProvider>
        </ReactRedux.Provider>
    );
}

if (new URLSearchParams(window.location.search).get('theme') === 'dark') {
    document.documentElement.dataset.theme = 'dark';
}
createRoot(document.getElementById('root')!).render(<Host/>);
