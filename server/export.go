package main

import (
	"net/http"
	"net/url"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/importer"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// exportRoute is the export of every app the caller can manage:
//
//	GET /plugins/oauth-manager/api/v1/export
//
// It takes no parameters. The permission rule is the listing's
// (listingDecision, the REST list rule): 403 without manage_oauth; the
// caller's own apps with manage_oauth; every app with manage_system_wide_oauth
// too. Answers 200 with the document docs/export-schema.json describes, as an
// attachment; 401 without a signed-in caller; 501 when the OAuth provider is
// off; 503 {"unavailable", "message"} when the database cannot be read. A
// record is built from readmodel.App alone, so it never holds a secret.
const exportRoute = "/api/v1/export"

// exportSchema names the document's version; docs/export-schema.json's $id
// ends with it. Any incompatible change takes a new major version.
const exportSchema = importer.Schema

type exportDocument struct {
	Schema     string            `json:"schema"`
	ExportedAt int64             `json:"exported_at"`
	Server     string            `json:"server"`
	Apps       []importer.Record `json:"apps"`
}

// exportAppOf is an app as a document record (the import reads the same type).
func exportAppOf(a readmodel.App) importer.Record {
	callbacks := a.CallbackURLs
	if callbacks == nil {
		callbacks = []string{}
	}
	return importer.Record{
		SourceID: a.ID, Name: a.Name, Description: a.Description, Homepage: a.Homepage, IconURL: a.IconURL,
		CallbackURLs: callbacks, IsTrusted: a.IsTrusted, IsPublic: a.IsPublic,
		IsDynamicallyRegistered: a.IsDynamicallyRegistered, CreatorUsername: a.CreatorUsername,
	}
}

func (p *Plugin) serveExport(w http.ResponseWriter, r *http.Request, userID string) {
	// Every app in the caller's scope, in name order (code points), the id breaking ties.
	params := url.Values{"all": {"true"}, "sort": {"name"}}
	page, _, ok := p.readListing(w, r, userID, params, false)
	if !ok {
		return
	}
	now := model.GetMillis()
	doc := exportDocument{Schema: exportSchema, ExportedAt: now, Server: p.SiteURL(), Apps: make([]importer.Record, 0, len(page.Apps))}
	for _, a := range page.Apps {
		doc.Apps = append(doc.Apps, exportAppOf(a))
	}
	date := time.UnixMilli(now).UTC().Format("2006-01-02")
	w.Header().Set("Content-Disposition", `attachment; filename="oauth-apps-`+date+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, doc)
}
