// `make deploy`: install the bundle on the server named by
// MM_SERVICESETTINGS_SITEURL, as MM_ADMIN_TOKEN or MM_ADMIN_USERNAME/MM_ADMIN_PASSWORD.
import {Client4} from '@mattermost/client';

import {installPlugin} from './lib/plugin_install';

async function main() {
    const [bundle] = process.argv.slice(2);
    const siteURL = process.env.MM_SERVICESETTINGS_SITEURL;
    if (!bundle || !siteURL) {
        throw new Error('usage: MM_SERVICESETTINGS_SITEURL=https://mm.example.com MM_ADMIN_TOKEN=... tsx scripts/deploy.ts dist/<bundle>.tar.gz');
    }
    const client = new Client4();
    client.setUrl(siteURL.replace(/\/+$/, ''));
    if (process.env.MM_ADMIN_TOKEN) {
        client.setToken(process.env.MM_ADMIN_TOKEN);
    } else if (process.env.MM_ADMIN_USERNAME && process.env.MM_ADMIN_PASSWORD) {
        await client.login(process.env.MM_ADMIN_USERNAME, process.env.MM_ADMIN_PASSWORD);
    } else {
        throw new Error('set MM_ADMIN_TOKEN, or MM_ADMIN_USERNAME and MM_ADMIN_PASSWORD, for a system admin of ' + siteURL);
    }
    const id = await installPlugin(client, bundle);
    process.stdout.write(`Deployed ${bundle} to ${siteURL}: plugin ${id} is running.\n`);
}

main().catch((err: Error) => {
    process.stderr.write(`deploy failed: ${err.message}\n`);
    process.exit(1);
});
