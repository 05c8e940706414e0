// lint [APP], and the redirect-URI check create, edit and register answers end
// with (server/command/verbs_lint.go).
import {defineMessages, type IntlShape} from 'react-intl';

import {incompleteMessage} from './apps';

import {findingMessage} from '../../lint/messages';
import {lint, type Finding, type LintOptions} from '../../lint/redirect_uri';
import {toApiError} from '../../store/errors';
import {ACTIONS} from '../../store/messages';
import {fetchListing} from '../../store/slice';
import {post, settings} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {code, md} from '../format';
import {describeErrorMd} from '../markdown';
import {resolveApp} from '../resolve_app';

const m = defineMessages({
    finding: {id: 'oauth-manager.chat.lint.finding', defaultMessage: '- **{severity}** {uri}: {message}'},
    error: {id: 'oauth-manager.chat.lint.severity.error', defaultMessage: 'error'},
    warning: {id: 'oauth-manager.chat.lint.severity.warning', defaultMessage: 'warning'},
    checkTitle: {id: 'oauth-manager.chat.lint.check_title', defaultMessage: '**Redirect URI check**'},
    app: {id: 'oauth-manager.chat.lint.app', defaultMessage: 'App {name} ({id}):'},
    clean: {id: 'oauth-manager.chat.lint.clean', defaultMessage: 'No problems found in {count, plural, one {# app} other {# apps}}.'},
    summary: {id: 'oauth-manager.chat.lint.summary', defaultMessage: '**Redirect URI check**: {errors, plural, one {# error} other {# errors}} and {warnings, plural, one {# warning} other {# warnings}} in {apps, plural, one {# app} other {# apps}} of {total}.'},
});

// What the lint needs of the server (the settings route has both); none when unreadable.
export async function lintOptions(ctx: VerbContext): Promise<LintOptions> {
    const read = await settings(ctx);
    if ('unreadable' in read) {
        return {allowlist: [], serverVersion: ''};
    }
    return {allowlist: read.dcr_redirect_uri_allowlist ?? [], serverVersion: read.server_version ?? ''};
}

function findingLines(intl: IntlShape, findings: Finding[]): string[] {
    return findings.map((f) => {
        const args: Record<string, string | number> = {};
        for (const [k, v] of Object.entries(f.args)) {
            args[k] = typeof v === 'string' ? md(v) : v;
        }
        return intl.formatMessage(m.finding, {
            severity: intl.formatMessage(f.severity === 'error' ? m.error : m.warning),
            uri: code(f.uri),
            message: intl.formatMessage(findingMessage(f), args),
        });
    });
}

// The block create, edit and register answers end with; '' when the lint finds nothing.
export async function redirectCheck(ctx: VerbContext, uris: string[]): Promise<string> {
    const findings = lint(uris, await lintOptions(ctx));
    if (findings.length === 0) {
        return '';
    }
    return '\n\n' + [ctx.intl.formatMessage(m.checkTitle), ...findingLines(ctx.intl, findings)].join('\n');
}

type Linted = {id: string; name: string; callback_urls: string[]};

export const lintVerb: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const action = intl.formatMessage(ACTIONS.lintApps);
    let apps: Linted[];
    const notes: string[] = [];
    const ref = ctx.parsed.args.app;
    if (ref) {
        const resolved = await resolveApp(ctx, ref, action);
        if ('failure' in resolved) {
            return post(resolved.failure);
        }
        apps = [resolved.app];
    } else {
        try {
            const answer = await ctx.store.dispatch(fetchListing({all: true})).unwrap();
            if (answer.source === 'rest' && !answer.complete) {
                notes.push(intl.formatMessage(incompleteMessage));
            }
            apps = answer.apps;
        } catch (err) {
            return post(describeErrorMd(intl, toApiError(err), action));
        }
    }
    const opts = await lintOptions(ctx);
    const blocks: string[] = [];
    let errors = 0;
    let warnings = 0;
    for (const app of apps) {
        const findings = lint(app.callback_urls ?? [], opts);
        if (findings.length === 0) {
            continue;
        }
        for (const f of findings) {
            if (f.severity === 'error') {
                errors++;
            } else {
                warnings++;
            }
        }
        blocks.push([intl.formatMessage(m.app, {name: md(app.name), id: code(app.id)}), ...findingLines(intl, findings)].join('\n'));
    }
    let lines: string[];
    if (blocks.length === 0) {
        lines = [intl.formatMessage(m.clean, {count: apps.length})];
    } else {
        lines = [intl.formatMessage(m.summary, {errors, warnings, apps: blocks.length, total: apps.length}), ...blocks.flatMap((b) => ['', b])];
    }
    if (notes.length > 0) {
        lines.push('', ...notes);
    }
    return post(lines.join('\n'));
};
