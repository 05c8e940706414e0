package main

import (
	"context"
	"errors"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// startReadModel runs the self-check in the background so activation does not
// wait on the database; the first listing waits for it if it is still running.
func (p *Plugin) startReadModel() {
	if p.Driver == nil {
		// Only outside a server (unit tests); the route's 503 says why.
		p.apps = offSource{readmodel.Unavailable("the server gave the plugin no database driver")}
		return
	}
	source := &dbSource{
		open: p.client.Store.GetReplicaDB,
		isPG: func() bool {
			return model.SafeDereference(p.API.GetConfig().SqlSettings.DriverName) == model.DatabaseDriverPostgres
		},
		report: p.reportReadModel,
	}
	p.apps = source
	go source.Status()
}

// reportReadModel logs the self-check's verdict (no query text, no values).
func (p *Plugin) reportReadModel(s readmodel.Status) {
	switch {
	case !s.OK():
		p.API.LogWarn("OAuth app read model off; listings fall back to the REST API", "reason", s.Listing)
	case s.Usage != "":
		p.API.LogWarn("OAuth app usage figures off", "reason", s.Usage)
	default:
		p.API.LogInfo("OAuth app read model ready")
	}
}

// offSource is a read model that is off for a fixed reason.
type offSource struct{ status readmodel.Status }

func (s offSource) Status() readmodel.Status { return s.status }

func (s offSource) List(context.Context, readmodel.Statement, bool, readmodel.Options) (readmodel.Page, error) {
	return readmodel.Page{}, errors.New(s.status.Listing)
}

func (s offSource) Fingerprints(context.Context, string) ([]readmodel.Fingerprinted, error) {
	return nil, errors.New(s.status.Listing)
}
