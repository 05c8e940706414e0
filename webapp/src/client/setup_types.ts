// GET /api/v1/setup?app_id=ID[&client=NAME] (server/command/setup.go): the
// values a client needs to sign users in with an app, and one client's recipe.
export type SetupStatus = 'ready' | 'unconfirmed' | 'unsupported';

export type SetupField = {claim: string; source: string; note: string};

export type SetupRecipe = {
    name: string;
    title: string;
    status: SetupStatus;
    callback: string;
    where: string;
    language: string;
    block: string;
    notes: string[];
    sources: string[];
};

export type SetupAnswer = {
    app: {id: string; name: string; public: boolean; callback_urls: string[]};
    endpoints: {issuer: string; authorization_endpoint: string; token_endpoint: string; userinfo_endpoint: string};
    token_endpoint_auth_method: string;
    fields: SetupField[];
    clients: Array<{name: string; title: string; status: SetupStatus}>;
    recipe: SetupRecipe | null;
};

// The placeholder every settings block holds instead of the secret (server/setup).
export const SECRET_PLACEHOLDER = 'PASTE_THE_CLIENT_SECRET_HERE';
