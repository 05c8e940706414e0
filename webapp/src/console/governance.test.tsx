// The governance parts of the manager: the change trail's panel, an app's
// secret age, and "Rotate secret" with its checklist.
import {screen, waitFor, within} from '@testing-library/react';

import {DAY_MS, GOVERNANCE, app, openDetails, rows, setup} from './test_manager';

import {stateKey} from '../store/selectors';

const panel = () => screen.getByRole('region', {name: 'Change trail status'});

describe('the change trail panel', () => {
    test('a fresh server: off, not run yet, nothing set', async () => {
        setup();
        await waitFor(() => expect(panel()).toHaveTextContent('Audit channel: off — nothing is posted. Choose one in Change trail and governance > Audit channel below, then Save.'));
        expect(panel()).toHaveTextContent('Last check: not run yet; it runs every 5 minutes, and at once with Check for changes now');
        expect(panel()).toHaveTextContent('Maximum client secret age: none set');
        expect(panel()).toHaveTextContent('Automatic prune of unused dynamically registered clients: off');
        expect(panel()).not.toHaveTextContent('Apps on record');
    });

    test('the channel, the last check, the apps on record, the settings in force', async () => {
        const lastRun = Date.UTC(2026, 10, 24, 21, 45);
        setup({
            timezone: {useAutomaticTimezone: 'false', manualTimezone: 'UTC'},
            client: {
                getGovernance: jest.fn(async () => ({
                    ...GOVERNANCE,
                    audit_channel: {id: 'c'.repeat(26), name: 'oauth-audit', display_name: 'OAuth <audit>', team_name: 'eng', team_display_name: 'Engineering'},
                    trail: {last_run: lastRun, interval_minutes: 1, apps: 12345, since: Date.UTC(2026, 10, 20), pending_posts: 2},
                    secret_max_age_days: 90,
                    scheduled_prune: {enabled: true, after_days: 30, max_per_run: 20},
                })),
            },
        });
        await waitFor(() => expect(panel()).toHaveTextContent('Audit channel: OAuth <audit> (~oauth-audit) in Engineering'));
        expect(panel()).toHaveTextContent('Last check: Nov 24, 2026, 9:45 PM; every minute');
        expect(panel()).toHaveTextContent('Apps on record: 12,345, followed since Nov 20, 2026');
        expect(panel()).toHaveTextContent('2 posts wait to be delivered to the audit channel; the next check tries again.');
        expect(panel()).toHaveTextContent('Maximum client secret age: 90 days');
        expect(panel()).toHaveTextContent('on: clients registered at least 30 days ago, at most 20 per check');
        expect(panel().querySelector('audit')).toBeNull();
    });

    test('a channel that cannot take posts is an alert, in the server\'s words', async () => {
        setup({client: {getGovernance: jest.fn(async () => ({...GOVERNANCE, audit_channel: {id: 'c'.repeat(26), name: 'old', display_name: 'Old', team_name: ''}, audit_channel_problem: 'The audit channel is archived: nothing can be posted there. Choose another one.'}))}});
        expect(await within(panel()).findByRole('alert')).toHaveTextContent('The audit channel is archived: nothing can be posted there. Choose another one.');
        expect(panel()).toHaveTextContent('Audit channel: Old (~old)');
    });

    test('Check for changes now runs the trail, says what it found, and reads the state again', async () => {
        const runTrail = jest.fn(async () => ({ran: true, events: 3, posted: 1}));
        const {fake, user} = setup({client: {runTrail}});
        await waitFor(() => expect(fake.getGovernance).toHaveBeenCalledTimes(1));
        await user.click(screen.getByRole('button', {name: 'Check for changes now'}));
        expect(await within(panel()).findByText('Checked: 3 changes found; one post made.')).toBeInTheDocument();
        expect(runTrail).toHaveBeenCalledTimes(1);
        await waitFor(() => expect(fake.getGovernance).toHaveBeenCalledTimes(2));
    });

    test('a run that found nothing, or did not run, says so', async () => {
        const runTrail = jest.fn().mockResolvedValueOnce({ran: true, events: 0, posted: 0}).mockResolvedValueOnce({ran: false, events: 0, posted: 0});
        const {user} = setup({client: {runTrail}});
        await user.click(await screen.findByRole('button', {name: 'Check for changes now'}));
        expect(await within(panel()).findByText('Checked: no change since the last check; nothing posted.')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Check for changes now'}));
        expect(await within(panel()).findByText('The check did not run: another one was under way. Try again in a moment.')).toBeInTheDocument();
    });

    test('a failed run gives the server\'s reason', async () => {
        const runTrail = jest.fn().mockRejectedValue(Object.assign(new Error('The change trail could not run: the read model is off: permission denied for table oauthapps'), {status_code: 503}));
        const {user} = setup({client: {runTrail}});
        await user.click(await screen.findByRole('button', {name: 'Check for changes now'}));
        expect(await within(panel()).findByRole('alert')).toHaveTextContent('Could not check for changes: the server answered 503. The server said: "The change trail could not run: the read model is off: permission denied for table oauthapps"');
    });

    test('a refusal says only system admins can', async () => {
        setup({client: {getGovernance: jest.fn().mockRejectedValue(Object.assign(new Error('Only system admins can do this.'), {status_code: 403}))}});
        expect(await within(panel()).findByRole('alert')).toHaveTextContent('Could not read the change trail’s state: only system admins can. The server said: “Only system admins can do this.”');
    });

    test('is not shown to someone who is not a system admin', async () => {
        const {fake} = setup({roles: 'system_user'});
        await waitFor(() => expect(rows().length).toBeGreaterThan(0));
        expect(screen.queryByRole('region', {name: 'Change trail and audit channel'})).not.toBeInTheDocument();
        expect(fake.getGovernance).not.toHaveBeenCalled();
    });
});

describe('secret age in an app\'s details', () => {
    const now = Date.now();
    const details = (name: string) => screen.getByRole('region', {name: `Details of ${name}`});
    const ageOf = (name: string) => within(details(name)).getByText('Secret age').nextElementSibling;

    test('exact, at least, overdue and due, as the trail knows them', async () => {
        const ages = {
            max_age_days: 90,
            pending: false,
            ages: {
                [app(1).id]: {since: now - (10 * DAY_MS) - 1000, exact: true, due_at: now + (80 * DAY_MS), overdue: false},
                [app(2).id]: {since: now - (120 * DAY_MS), exact: false, due_at: now - (30 * DAY_MS), overdue: true},
            },
        };
        const {user} = setup({client: {getSecretAges: jest.fn(async () => ages)}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        await openDetails(user, 'App 002');
        expect(ageOf('App 001')).toHaveTextContent(/^10 days \(since \w{3} \d+, \d{4}\) Reaches the maximum age of 90 days on \w{3} \d+, \d{4}\.$/);
        expect(ageOf('App 002')).toHaveTextContent(/^unknown, at least 120 days \(since .+\) Overdue: past the maximum age of 90 days since .+\. Rotate it\.$/);
        expect(within(ageOf('App 002') as HTMLElement).getByText(/^Overdue/).tagName).toBe('STRONG');
    });

    test('without a maximum age only the age is shown; a public client has no secret age', async () => {
        const ages = {max_age_days: 0, pending: false, ages: {[app(1).id]: {since: now - DAY_MS, exact: true, due_at: null, overdue: false}}};
        const {user} = setup({client: {getSecretAges: jest.fn(async () => ages)}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        await openDetails(user, 'App 003');
        expect(ageOf('App 001')).toHaveTextContent(/^1 day \(since .+\)$/);
        expect(within(details('App 003')).queryByText('Secret age')).not.toBeInTheDocument();
    });

    test('before the first check, for an app not yet recorded, and when it cannot be read', async () => {
        const getSecretAges = jest.fn().mockResolvedValueOnce({max_age_days: 0, pending: true, ages: {}});
        const {user} = setup({client: {getSecretAges}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        expect(ageOf('App 001')).toHaveTextContent('not known yet: the plugin has not recorded the apps yet (its first check runs when it starts)');

        getSecretAges.mockResolvedValueOnce({max_age_days: 0, pending: false, ages: {}});
        await user.click(screen.getByRole('button', {name: 'Refresh'}));
        await waitFor(() => expect(ageOf('App 001')).toHaveTextContent('not known yet: the plugin records a new app at its next check'));
    });

    test('a failure to read the ages is said where the age would be', async () => {
        const {user} = setup({client: {getSecretAges: jest.fn().mockRejectedValue(Object.assign(new Error('Not found'), {status_code: 404}))}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 001');
        await waitFor(() => expect(ageOf('App 001')).toHaveTextContent(/^Could not read the secret’s age: .*The server said: "Not found"$/));
    });
});

describe('Rotate secret', () => {
    const checklist = {
        callback_urls: ['https://app1.example.com/cb', 'https://app1.example.com/<b>2</b>'],
        homepage: 'https://example.com',
        last_used: Date.UTC(2026, 10, 23, 10, 0),
        used_since_previous_secret: true,
        previous_secret_since: Date.UTC(2026, 7, 1),
        previous_secret_exact: false,
    };
    const rotation = (extra: Partial<typeof checklist> = {}) => ({app: {...app(1), client_secret: 'rotated-secret-value'}, checklist: {...checklist, ...extra}});
    const result = () => screen.getByRole('status', {name: 'Rotated client secret'});

    async function rotate(rotateSecret: jest.Mock) {
        const got = setup({client: {rotateSecret}, timezone: {useAutomaticTimezone: 'false', manualTimezone: 'UTC'}});
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(got.user, 'App 001');
        await got.user.click(screen.getByRole('button', {name: 'Rotate the secret of App 001, with a checklist'}));
        const dialog = await screen.findByRole('dialog', {name: 'Rotate the secret of App 001?'});
        expect(dialog).toHaveTextContent('The current secret stops working at once: the integration fails until it is given the new one. You get the new secret once, with a checklist of where the integration must be given it.');
        expect(rotateSecret).not.toHaveBeenCalled();
        await got.user.click(within(dialog).getByRole('button', {name: 'Rotate secret'}));
        return got;
    }

    test('asks first, then shows the new secret masked, with reveal, copy and the checklist', async () => {
        const rotateSecret = jest.fn(async () => rotation());
        const {fake, store, user} = await rotate(rotateSecret);
        expect(rotateSecret).toHaveBeenCalledWith(app(1).id);
        await waitFor(() => expect(result()).toBeInTheDocument());
        expect(result()).toHaveTextContent('Secret rotated for App 001. The previous secret no longer works.');
        expect(screen.getByLabelText('New client secret of App 001')).toHaveTextContent('••••••••');
        expect(document.body.textContent).not.toContain('rotated-secret-value');
        await user.click(screen.getByRole('button', {name: 'Show the new secret of App 001'}));
        expect(screen.getByLabelText('New client secret of App 001')).toHaveTextContent('rotated-secret-value');
        expect(screen.getByRole('button', {name: 'Copy the new secret of App 001'})).toBeInTheDocument();
        const items = within(result()).getAllByRole('listitem').map((li) => li.textContent);
        expect(items).toEqual(expect.arrayContaining([
            'Give the new secret to the integration behind this app. Its homepage: https://example.comIt signs users in through these callback URLs:https://app1.example.com/cbhttps://app1.example.com/<b>2</b>',
            'The app was used with the previous secret (last Nov 23, 2026, 10:00 AM): its integration fails until it has the new one.',
            'The previous secret was issued Aug 1, 2026, 12:00 AM or before.',
        ]));
        expect(result().querySelector('b')).toBeNull();

        // The secret is this view's alone: never in the store; the server half reports the change itself.
        expect(JSON.stringify(store.getState()[stateKey])).not.toContain('rotated-secret-value');
        expect(fake.reportChange).not.toHaveBeenCalled();
        await waitFor(() => expect(fake.getSecretAges).toHaveBeenCalledTimes(2));

        await user.click(within(result()).getByRole('button', {name: 'I have stored it'}));
        expect(document.body.textContent).not.toContain('rotated-secret-value');
        expect(screen.queryByRole('status', {name: 'Rotated client secret'})).not.toBeInTheDocument();
    });

    test.each([
        ['usage off', {last_used: null, used_since_previous_secret: null}, 'Whether the app was in use is not known: the usage figures are off.'],
        ['never used', {last_used: 0, used_since_previous_secret: false}, 'The app was never used: no integration should break.'],
        ['not used since', {last_used: Date.UTC(2026, 6, 1), used_since_previous_secret: false}, 'The app was last used Jul 1, 2026, 12:00 AM, before the previous secret was issued: no integration has used that secret.'],
        ['previous secret not known', {used_since_previous_secret: null, previous_secret_since: null}, 'The app was last used Nov 23, 2026, 10:00 AM.'],
    ])('the checklist when %s', async (_, extra, line) => {
        await rotate(jest.fn(async () => rotation(extra as Partial<typeof checklist>)));
        await waitFor(() => expect(result()).toHaveTextContent(line));
    });

    test('a refusal stays in the confirmation, in plain words', async () => {
        const rotateSecret = jest.fn().mockRejectedValue(Object.assign(new Error('An admin limited /oauth to system admins.'), {status_code: 403}));
        await rotate(rotateSecret);
        const dialog = screen.getByRole('dialog', {name: 'Rotate the secret of App 001?'});
        expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Could not rotate the secret: you lack the permission for it\..*The server said: "An admin limited \/oauth to system admins\."$/);
    });

    test('a public client has nothing to rotate', async () => {
        const {user} = setup();
        await waitFor(() => expect(rows()).toHaveLength(4));
        await openDetails(user, 'App 003');
        expect(screen.queryByRole('button', {name: /Rotate the secret of App 003/})).not.toBeInTheDocument();
    });
});
