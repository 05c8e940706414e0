// The governance routes of the plugin's server half (docs/governance.md):
// change trail, audit channel, secret ages, rotation and DCR pruning. Times
// are milliseconds since the epoch, as everywhere in Mattermost.
import type {OAuthApp} from '@mattermost/types/integrations';

// A change this web app made through the REST API, reported for the trail.
export type ChangeAction = 'create' | 'edit' | 'delete' | 'regenerate';
export type ChangeReport = {action: ChangeAction; app_id: string};

// team_name is the team's URL name; team_display_name what people read.
export type AuditChannel = {id: string; name: string; display_name: string; team_name: string; team_display_name?: string};

export type Governance = {
    audit_channel: AuditChannel | null;

    // Why the chosen channel cannot be posted to ('' when it can).
    audit_channel_problem: string;
    bot_user_id: string;

    // 0 before the first run; pending_posts: posts an earlier run could not deliver yet.
    trail: {last_run: number; interval_minutes: number; apps: number; since: number; pending_posts?: number};
    secret_max_age_days: number;
    scheduled_prune: {enabled: boolean; after_days: number; max_per_run: number};
};

export type TrailRun = {ran: boolean; events: number; posted: number};

// exact false: the app is older than the trail, so its secret dates from at
// least `since`. due_at is null when no maximum age is set.
export type SecretAge = {since: number; exact: boolean; due_at: number | null; overdue: boolean};

export type SecretAges = {
    max_age_days: number;

    // True before the trail's first snapshot: no age is known yet.
    pending: boolean;
    ages: Record<string, SecretAge>;
};

export type RotateChecklist = {
    callback_urls: string[];
    homepage: string;

    // null when the usage figures are off.
    last_used: number | null;
    used_since_previous_secret: boolean | null;

    // null when the trail had not recorded the app yet.
    previous_secret_since: number | null;
    previous_secret_exact: boolean;
};

// The app carries its new client secret: it goes to the view that asked, never the store.
export type Rotation = {app: OAuthApp; checklist: RotateChecklist};

// POST /quarantine answers the app without its secret (nobody is to use it);
// POST /release with the new one, and record_left when its record stayed.
export type Quarantined = {app: OAuthApp};

// The callback a quarantined app has (server/command/quarantine.go InertCallback).
export const INERT_CALLBACK = 'https://quarantined.invalid/oauth-manager';
export const isQuarantined = (callbacks: string[] | undefined) => callbacks?.length === 1 && callbacks[0] === INERT_CALLBACK;
export type Released = {app: OAuthApp; record_left: string};

export type PrunedState = 'never_used' | 'stale';

export type PruneCandidate = {id: string; name: string; create_at: number; last_used: number; state: PrunedState};

export type PrunePlan = {plan_id: string; older_than_days: number; created?: number; count: number; apps: PruneCandidate[]};

export type PruneResult = {
    deleted: Array<{id: string; name: string}>;

    // used_since: someone used the client after the dry run; gone: deleted meanwhile.
    skipped: Array<{id: string; name: string; reason: 'used_since' | 'gone'}>;
    failed: Array<{id: string; name: string; message: string}>;
};
