package main

import (
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
)

func TestOnActivateRegistersOAuthWithAutocomplete(t *testing.T) {
	api := &plugintest.API{}
	var registered *model.Command
	api.On("RegisterCommand", mock.AnythingOfType("*model.Command")).Run(func(args mock.Arguments) {
		registered = args.Get(0).(*model.Command)
	}).Return(nil)
	p := &Plugin{}
	p.SetAPI(api)

	require.NoError(t, p.OnActivate())
	require.NotNil(t, registered)
	assert.Equal(t, "oauth", registered.Trigger)
	assert.True(t, registered.AutoComplete)
	require.NoError(t, registered.AutocompleteData.IsValid())

	resp, appErr := p.ExecuteCommand(nil, &model.CommandArgs{Command: "/oauth help"})
	require.Nil(t, appErr)
	assert.Equal(t, model.CommandResponseTypeEphemeral, resp.ResponseType)
	assert.Contains(t, resp.Text, "#### /oauth: Manage Mattermost OAuth 2.0 apps")
}

func TestCommandGateFollowsTheSetting(t *testing.T) {
	api := &plugintest.API{}
	api.On("HasPermissionTo", "admin", model.PermissionManageSystem).Return(true)
	api.On("HasPermissionTo", "user", model.PermissionManageSystem).Return(false)
	p := &Plugin{}
	p.SetAPI(api)

	p.setConfiguration((&configuration{CommandAccess: accessEveryone}).normalized())
	assert.Empty(t, p.commandGate("user"))

	p.setConfiguration((&configuration{CommandAccess: accessSystemAdmins}).normalized())
	assert.Contains(t, p.commandGate("user"), "limited `/oauth` to system admins")
	assert.Empty(t, p.commandGate("admin"))
}
