// Verbs that change apps: create, edit, delete, regen-secret.
import {defineMessages, type IntlShape} from 'react-intl';

import type {OAuthApp} from '@mattermost/types/integrations';

import {redirectCheck} from './lint';

import type {FlagValue} from '../../grammar/parse';
import {mergeEdit} from '../../store/edit_merge';
import {toApiError} from '../../store/errors';
import {ACTIONS, DELETE_CONSEQUENCE, REGENERATE_CONSEQUENCE} from '../../store/messages';
import {createApp, deleteApp, EMPTY_FORM, formFieldsOf, formOpened, regenerateSecret, toSummary, updateApp} from '../../store/slice';
import type {NewApp} from '../../store/slice';
import {validateApp} from '../../validation';
import type {FieldErrors} from '../../validation';
import {currentUserId, inputError, post, usernames} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {appFields, code, fieldList, md, noSecret, secretWarning} from '../format';
import {describeErrorMd} from '../markdown';
import {resolveApp} from '../resolve_app';

const str = (v: FlagValue | undefined) => (typeof v === 'string' ? v : undefined);
const list = (v: FlagValue | undefined) => (Array.isArray(v) ? v : []);

const FLAG_OF: Record<string, string> = {name: '--name', description: '--description', homepage: '--homepage', icon_url: '--icon-url', callback_urls: '--callback'};

function describeFieldErrors(errors: FieldErrors): string | undefined {
    const entries = Object.entries(errors);
    if (entries.length === 0) {
        return undefined;
    }
    return entries.map(([field, text]) => `${FLAG_OF[field]}: ${text}`).join('\n');
}

const m = defineMessages({
    trustNote: {id: 'oauth-manager.chat.app.trust_dropped', defaultMessage: 'Only system admins can make an app trusted, so the server left it untrusted.'},
    unchanged: {id: 'oauth-manager.chat.app.secret_unchanged', defaultMessage: '(unchanged, hidden)'},
    newSecret: {id: 'oauth-manager.chat.app.new_secret', defaultMessage: '**New client secret shown once.** {warning}'},
    created: {id: 'oauth-manager.chat.create.title', defaultMessage: 'Created OAuth app {name}'},
    missingCallback: {id: 'oauth-manager.chat.edit.missing_callback', defaultMessage: '{url} is not a callback URL of {name}. Its callback URLs are: {urls}.'},
    nothing: {id: 'oauth-manager.chat.edit.nothing', defaultMessage: 'Nothing to change: {name} already has these values.'},
    empty: {id: 'oauth-manager.chat.edit.empty', defaultMessage: '(empty)'},
    updated: {id: 'oauth-manager.chat.edit.done', defaultMessage: 'Updated {name} ({id}):'},
    confirmDelete: {id: 'oauth-manager.chat.delete.confirm', defaultMessage: '**Delete the app** {name} ({id})? {consequence}'},
    confirmRegenerate: {id: 'oauth-manager.chat.regenerate.confirm', defaultMessage: '**Regenerate the secret of** {name} ({id})? {consequence}'},
    toConfirm: {id: 'oauth-manager.chat.confirm.type', defaultMessage: 'To confirm, type: {command}'},
    deleted: {id: 'oauth-manager.chat.delete.done', defaultMessage: 'Deleted OAuth app {name} ({id}).'},
    publicClient: {id: 'oauth-manager.chat.regenerate.public', defaultMessage: '{name} is a public client: it has no secret to regenerate (it proves itself with PKCE).'},
    regenerated: {id: 'oauth-manager.chat.regenerate.title', defaultMessage: 'New secret for {name}'},
    oldSecret: {id: 'oauth-manager.chat.regenerate.old_secret', defaultMessage: 'The old secret no longer works.'},
});

async function appMessage(ctx: VerbContext, title: string, app: OAuthApp, withSecret: boolean, notes: string[]) {
    const {intl} = ctx;
    const summary = toSummary(app);
    const names = await usernames(ctx, [app.creator_id]);
    let secretLine = withSecret ? code(app.client_secret) : intl.formatMessage(m.unchanged);
    if (summary.is_public === true) {
        secretLine = noSecret(intl);
    }
    const warning = withSecret && summary.is_public !== true ? ['', intl.formatMessage(m.newSecret, {warning: secretWarning(intl)})] : [];
    return [fieldList(title, appFields(intl, summary, names, currentUserId(ctx), secretLine)), ...warning, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export const create: VerbHandler = async (ctx) => {
    if (ctx.parsed.bare) {
        // The web app's form (CreateAppModal); the server half explains the flags instead.
        ctx.store.dispatch(formOpened({mode: 'create', surface: 'modal', fields: EMPTY_FORM}));
        return {opened: true};
    }
    const {flags} = ctx.parsed;
    const app: NewApp = {
        name: str(flags.name) ?? '',
        description: str(flags.description) ?? '',
        homepage: str(flags.homepage) ?? '',
        icon_url: str(flags['icon-url']) ?? '',
        callback_urls: list(flags.callback),
        is_trusted: Boolean(flags.trusted),
        is_public: Boolean(flags.public),
    };
    const {intl} = ctx;
    const problems = describeFieldErrors(validateApp(intl, app));
    if (problems) {
        return inputError(problems);
    }
    let created: OAuthApp;
    try {
        created = await ctx.store.dispatch(createApp(app)).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), intl.formatMessage(ACTIONS.createApp)));
    }
    const notes = app.is_trusted && !created.is_trusted ? [intl.formatMessage(m.trustNote)] : [];
    return post(await appMessage(ctx, intl.formatMessage(m.created, {name: md(created.name)}), created, true, notes) + await redirectCheck(ctx, created.callback_urls ?? []));
};

// What `/oauth edit` says when --remove-callback names a URL the app lacks.
export const missingCallbackError = (intl: IntlShape, app: OAuthApp, url: string) =>
    intl.formatMessage(m.missingCallback, {url: code(url), name: md(app.name), urls: app.callback_urls.map((u) => code(u)).join(', ')});

export const edit: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const action = intl.formatMessage(ACTIONS.editApp);
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, action);
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    if (ctx.parsed.bare) {
        // The form, filled with the app; a save sends only what was changed.
        const fields = formFieldsOf(resolved.app);
        ctx.store.dispatch(formOpened({mode: 'edit', surface: 'modal', appId: resolved.app.id, fields, original: fields}));
        return {opened: true};
    }
    const merged = mergeEdit(resolved.app, ctx.parsed.flags);
    if ('missingCallback' in merged) {
        return inputError(missingCallbackError(intl, resolved.app, merged.missingCallback));
    }
    if (merged.changes.length === 0) {
        return post(intl.formatMessage(m.nothing, {name: md(resolved.app.name)}));
    }
    const problems = describeFieldErrors(validateApp(intl, merged.app, {dynamicallyRegistered: Boolean(resolved.app.is_dynamically_registered)}));
    if (problems) {
        return inputError(problems);
    }
    let updated: OAuthApp;
    try {
        updated = await ctx.store.dispatch(updateApp(merged.app)).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), action));
    }
    const notes = merged.app.is_trusted && !updated.is_trusted ? [intl.formatMessage(m.trustNote)] : [];
    const value = (v: string) => (v ? code(v) : intl.formatMessage(m.empty));
    const changed = merged.changes.map((c) => `- ${c.field}: ${value(c.from)} → ${value(c.to)}`);
    const check = await redirectCheck(ctx, updated.callback_urls ?? []);
    return post([intl.formatMessage(m.updated, {name: md(updated.name), id: code(updated.id)}), ...changed, ...(notes.length ? ['', ...notes] : [])].join('\n') + check);
};

function confirmation(intl: IntlShape, verb: string, app: OAuthApp, consequence: string): string {
    const what = {name: md(app.name), id: code(app.id), consequence};
    return [
        intl.formatMessage(verb === 'delete' ? m.confirmDelete : m.confirmRegenerate, what),
        '',
        intl.formatMessage(m.toConfirm, {command: code(`/oauth ${verb} ${app.id} --yes`)}),
    ].join('\n');
}

export const remove: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const action = intl.formatMessage(ACTIONS.deleteApp);
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, action);
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const {app} = resolved;
    if (!ctx.parsed.flags.yes) {
        return post(confirmation(intl, 'delete', app, intl.formatMessage(DELETE_CONSEQUENCE)));
    }
    try {
        await ctx.store.dispatch(deleteApp(app.id)).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), action));
    }
    return post(intl.formatMessage(m.deleted, {name: md(app.name), id: code(app.id)}));
};

export const regenSecret: VerbHandler = async (ctx) => {
    const {intl} = ctx;
    const action = intl.formatMessage(ACTIONS.regenerateSecret);
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, action);
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const {app} = resolved;
    if (toSummary(app).is_public === true) {
        return post(intl.formatMessage(m.publicClient, {name: md(app.name)}));
    }
    if (!ctx.parsed.flags.yes) {
        return post(confirmation(intl, 'regen-secret', app, intl.formatMessage(REGENERATE_CONSEQUENCE)));
    }
    let updated: OAuthApp;
    try {
        updated = await ctx.store.dispatch(regenerateSecret(app.id)).unwrap();
    } catch (err) {
        return post(describeErrorMd(intl, toApiError(err), action));
    }
    return post(await appMessage(ctx, intl.formatMessage(m.regenerated, {name: md(updated.name)}), updated, true, [intl.formatMessage(m.oldSecret)]));
};
