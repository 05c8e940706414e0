// Command plugin is the server half of the OAuth Apps Manager Mattermost plugin.
package main

import (
	"github.com/mattermost/mattermost/server/public/plugin"
)

func main() {
	plugin.ClientMain(&Plugin{})
}
