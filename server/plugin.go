package main

import (
	"sync"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/pkg/errors"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// Plugin is the server half of OAuth Apps Manager.
type Plugin struct {
	plugin.MattermostPlugin

	client  *pluginapi.Client
	command *command.Handler

	configurationLock sync.RWMutex
	configuration     *configuration
}

// OnActivate registers /oauth with its autocomplete.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)
	p.command = command.NewHandler(command.Load(), p.API, func() command.Options {
		return command.Options{RevealSecretsInChat: p.getConfiguration().RevealSecretsInChat}
	}, p.commandGate)
	if err := p.client.SlashCommand.Register(p.command.Definition()); err != nil {
		return errors.Wrap(err, "failed to register /oauth")
	}
	return nil
}

// ExecuteCommand answers /oauth where the webapp hook does not run (mobile, REST).
// Failures are answered as ephemeral text, so no AppError is returned.
//
//nolint:unparam // the signature is the plugin hook's.
func (p *Plugin) ExecuteCommand(_ *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	return p.command.Execute(args), nil
}

// commandGate applies the CommandAccess setting on top of the server's own
// permissions: it can only narrow who may use /oauth, never widen it.
func (p *Plugin) commandGate(userID string) string {
	if p.getConfiguration().CommandAccess == accessSystemAdmins && !p.API.HasPermissionTo(userID, model.PermissionManageSystem) {
		return "An admin limited `/oauth` to system admins on this server (System Console > Plugins > OAuth Apps Manager > Who may use /oauth). `/oauth help` still works."
	}
	return ""
}
