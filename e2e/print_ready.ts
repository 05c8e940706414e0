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

Open ${env.siteURL}/ in a browser and sign in: this server has no Mattermost web app (it is built
from the Go module proxy), so the project's test host page stands in for it, with the plugin's real
System Console page and a message box that runs /oauth through the plugin.

Press Ctrl+C to stop: the server and its database are removed.
`);
