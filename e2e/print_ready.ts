// Printed by `make run` once the server is up with the plugin running.
import {loadEnv} from './lib/env';

const env = loadEnv();
const {admin, dev, plain} = env.users;
const body = JSON.stringify({command: '/oauth help', channel_id: env.channelId, team_id: env.teamId});

process.stdout.write(`
OAuth Apps Manager is ready on a local Mattermost server.

  URL:          ${env.siteURL}
  Admin:        ${admin.username} / ${admin.password}   (token ${admin.token})
  Other users:  ${dev.username} / ${dev.password} (holds manage_oauth), ${plain.username} / ${plain.password} (no OAuth permission)

Try:
  curl -s ${env.siteURL}/api/v4/system/ping
  curl -s -H 'Authorization: Bearer ${admin.token}' -d '${body}' ${env.siteURL}/api/v4/commands/execute
  curl -s ${env.siteURL}/.well-known/oauth-authorization-server
  curl -s -H 'Authorization: Bearer ${admin.token}' ${env.siteURL}/api/v4/oauth/apps

${process.env.E2E_WEBAPP_VERSION ? `Open ${env.siteURL}/ in a browser and sign in (Mattermost web app ${process.env.E2E_WEBAPP_VERSION}):
type /oauth help in Town Square, or open ${env.siteURL}/admin_console/plugins/plugin_oauth-manager.` : `No Mattermost web app is installed (see README: MM_WEBAPP_CLIENT): only the REST API and the
server half can be exercised, and the stand-in page at ${env.siteURL}/ shows the plugin's console.`}
The same bundle at React 19, as Mattermost 12 hosts it (the stand-in page): ${env.siteURL}/static/e2e-host19.html

Press Ctrl+C to stop: the server and its database are removed.
`);
