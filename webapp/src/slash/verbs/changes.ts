// Verbs that change apps: create, edit, delete, regen-secret.
import type {OAuthApp} from '@mattermost/types/integrations';

import type {FlagValue} from '../../grammar/parse';
import {mergeEdit} from '../../store/edit_merge';
import {toApiError} from '../../store/errors';
import {DELETE_CONSEQUENCE, REGENERATE_CONSEQUENCE} from '../../store/messages';
import {createApp, deleteApp, EMPTY_FORM, formFieldsOf, formOpened, regenerateSecret, toSummary, updateApp} from '../../store/slice';
import type {NewApp} from '../../store/slice';
import {validateApp} from '../../validation';
import type {FieldErrors} from '../../validation';
import {currentUserId, inputError, post, usernames} from '../context';
import type {VerbContext, VerbHandler} from '../context';
import {appFields, code, fieldList, md, SECRET_WARNING} from '../format';
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

const trustNote = 'Only system admins can make an app trusted, so the server left it untrusted.';

async function appMessage(ctx: VerbContext, title: string, app: OAuthApp, withSecret: boolean, notes: string[]) {
    const summary = toSummary(app);
    const names = await usernames(ctx, [app.creator_id]);
    let secretLine = withSecret ? code(app.client_secret) : '(unchanged, hidden)';
    if (summary.is_public === true) {
        secretLine = 'none: a public client has no secret';
    }
    const warning = withSecret && summary.is_public !== true ? ['', `**New client secret shown once.** ${SECRET_WARNING}`] : [];
    return [fieldList(title, appFields(summary, names, currentUserId(ctx), secretLine)), ...warning, ...(notes.length ? ['', ...notes] : [])].join('\n');
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
    const problems = describeFieldErrors(validateApp(app));
    if (problems) {
        return inputError(problems);
    }
    let created: OAuthApp;
    try {
        created = await ctx.store.dispatch(createApp(app)).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'create the app'));
    }
    const notes = app.is_trusted && !created.is_trusted ? [trustNote] : [];
    return post(await appMessage(ctx, `Created OAuth app ${md(created.name)}`, created, true, notes));
};

// What `/oauth edit` says when --remove-callback names a URL the app lacks.
export const missingCallbackError = (app: OAuthApp, url: string) =>
    `${code(url)} is not a callback URL of ${md(app.name)}. Its callback URLs are: ${app.callback_urls.map((u) => code(u)).join(', ')}.`;

export const edit: VerbHandler = async (ctx) => {
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, 'edit the app');
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
        return inputError(missingCallbackError(resolved.app, merged.missingCallback));
    }
    if (merged.changes.length === 0) {
        return post(`Nothing to change: ${md(resolved.app.name)} already has these values.`);
    }
    const problems = describeFieldErrors(validateApp(merged.app, {dynamicallyRegistered: Boolean(resolved.app.is_dynamically_registered)}));
    if (problems) {
        return inputError(problems);
    }
    let updated: OAuthApp;
    try {
        updated = await ctx.store.dispatch(updateApp(merged.app)).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'edit the app'));
    }
    const notes = merged.app.is_trusted && !updated.is_trusted ? [trustNote] : [];
    const changed = merged.changes.map((c) => `- ${c.field}: ${c.from ? code(c.from) : '(empty)'} → ${c.to ? code(c.to) : '(empty)'}`);
    return post([`Updated ${md(updated.name)} (${code(updated.id)}):`, ...changed, ...(notes.length ? ['', ...notes] : [])].join('\n'));
};

function confirmation(verb: string, app: OAuthApp, consequence: string): string {
    return [
        `**${verb === 'delete' ? 'Delete the app' : 'Regenerate the secret of'}** ${md(app.name)} (${code(app.id)})? ${consequence}`,
        '',
        `To confirm, type: ${code(`/oauth ${verb} ${app.id} --yes`)}`,
    ].join('\n');
}

export const remove: VerbHandler = async (ctx) => {
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, 'delete the app');
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const {app} = resolved;
    if (!ctx.parsed.flags.yes) {
        return post(confirmation('delete', app, DELETE_CONSEQUENCE));
    }
    try {
        await ctx.store.dispatch(deleteApp(app.id)).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'delete the app'));
    }
    return post(`Deleted OAuth app ${md(app.name)} (${code(app.id)}).`);
};

export const regenSecret: VerbHandler = async (ctx) => {
    const resolved = await resolveApp(ctx, ctx.parsed.args.app, 'regenerate the secret');
    if ('failure' in resolved) {
        return post(resolved.failure);
    }
    const {app} = resolved;
    if (toSummary(app).is_public === true) {
        return post(`${md(app.name)} is a public client: it has no secret to regenerate (it proves itself with PKCE).`);
    }
    if (!ctx.parsed.flags.yes) {
        return post(confirmation('regen-secret', app, REGENERATE_CONSEQUENCE));
    }
    let updated: OAuthApp;
    try {
        updated = await ctx.store.dispatch(regenerateSecret(app.id)).unwrap();
    } catch (err) {
        return post(describeErrorMd(toApiError(err), 'regenerate the secret'));
    }
    return post(await appMessage(ctx, `New secret for ${md(updated.name)}`, updated, true, ['The old secret no longer works.']));
};
