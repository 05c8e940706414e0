// Every client secret the load run saw: in the answers to /oauth create and
// /oauth regen-secret, and in REST responses (the REST API returns secrets in
// clear from create, get, list and regen_secret). A later scan looks for them
// where they must never be (posts, logs, KV, audit records).
const seen = new Set<string>();

export function noteSecret(secret: string | undefined | null) {
    if (secret) {
        seen.add(secret);
    }
}

// Every secret found in a REST answer: an app or a list of apps.
export function noteSecretsIn(body: unknown) {
    for (const app of Array.isArray(body) ? body : [body]) {
        if (app && typeof app === 'object' && 'client_secret' in app) {
            noteSecret((app as {client_secret?: string}).client_secret);
        }
    }
}

// The secrets seen so far (a copy).
export function seenSecrets(): Set<string> {
    return new Set(seen);
}
