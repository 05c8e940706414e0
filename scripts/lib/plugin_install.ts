// Upload, enable and wait for a plugin bundle through the REST API, with the
// official client. Shared by `make deploy` and the test harness.
import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';

import type {Client4} from '@mattermost/client';

const RUNNING = 2;

export async function installPlugin(client: Client4, bundlePath: string, {timeoutMs = 60000} = {}): Promise<string> {
    const data = await readFile(bundlePath);
    const file = new File([data], basename(bundlePath), {type: 'application/gzip'});
    const manifest = await client.uploadPlugin(file, true);
    await client.enablePlugin(manifest.id);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const statuses = await client.getPluginStatuses();
        const status = statuses.find((s) => s.plugin_id === manifest.id);
        if (status?.state === RUNNING) {
            return manifest.id;
        }
        if (Date.now() > deadline) {
            throw new Error(`plugin ${manifest.id} did not reach the running state within ${timeoutMs / 1000}s (state ${status?.state ?? 'unknown'}); see the server log`);
        }
        // eslint-disable-next-line no-await-in-loop
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}
