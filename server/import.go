package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/importer"
)

// importRoute takes an export document in two steps, a dry run then the apply
// of that dry run (docs/import.md is the contract):
//
//	POST /plugins/oauth-manager/api/v1/import {document, match, apply, plan}
//
// The apps it may match are the listing's (the REST list rule); every write is
// a REST call with the caller's session, so it never grants more than REST.
const importRoute = "/api/v1/import"

// importMaxBytes bounds the body: 2,000 records of the longest valid fields.
const importMaxBytes = 32 << 20

type importRequest struct {
	Document json.RawMessage `json:"document"`
	Match    string          `json:"match"`
	Apply    bool            `json:"apply"`
	Plan     string          `json:"plan"`
}

func (p *Plugin) serveImport(c *plugin.Context, w http.ResponseWriter, r *http.Request, userID string) {
	w.Header().Set("Cache-Control", "no-store")
	var body importRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, importMaxBytes)).Decode(&body); err != nil {
		message := "The request body is not the JSON this route expects: {\"document\", \"match\", \"apply\", \"plan\"}."
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			message = "The request is larger than 32 MiB. Split the document."
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": message})
		return
	}
	if body.Match == "" {
		body.Match = importer.MatchSourceID
	}
	api, ok := p.actingCaller(c, w, userID)
	if !ok {
		return
	}
	defer api.Close()
	records, shape := importer.Decode(body.Document)
	if importer.OfDocument(shape) {
		writeImportProblems(w, shape)
		return
	}
	// The apps the caller may manage, as the listing reads them; it answers
	// the refusals (403, 501, 503) itself.
	page, _, ok := p.readListing(w, r, userID, url.Values{"all": {"true"}}, false)
	if !ok {
		return
	}
	targets := make([]importer.Target, len(page.Apps))
	for i, a := range page.Apps {
		targets[i] = importer.Target{
			ID: a.ID, Name: a.Name, Description: a.Description, Homepage: a.Homepage, IconURL: a.IconURL,
			CallbackURLs: a.CallbackURLs, CreatorUsername: a.CreatorUsername, IsTrusted: a.IsTrusted,
			IsPublic: a.IsPublic, IsDynamicallyRegistered: a.IsDynamicallyRegistered, UpdateAt: a.UpdateAt,
		}
	}
	plan, built := importer.Build(records, targets, p.importOptions(userID, body.Match))
	if problems := importer.Merge(shape, built); len(problems) > 0 {
		writeImportProblems(w, problems)
		return
	}
	if !body.Apply {
		writeJSON(w, http.StatusOK, plan)
		return
	}
	if body.Plan != plan.Digest {
		writeJSON(w, http.StatusConflict, map[string]string{
			"message": "Nothing was imported: the document, the match or an app it touches changed since the dry run. Run the dry run again.",
			"plan":    plan.Digest,
		})
		return
	}
	result, failure := importer.Apply(api, plan, func(action, appID string) { p.RecordChange(userID, action, appID) })
	if failure != nil {
		p.API.LogWarn("An import of OAuth apps failed", "user_id", userID, "position", failure.Position, "undone", failure.Undone)
		writeJSON(w, failure.Status, failure)
		return
	}
	writeJSON(w, http.StatusOK, result)
}

func (p *Plugin) importOptions(userID, match string) importer.Options {
	lintOptions := p.LintOptions()
	opts := importer.Options{
		Match:         match,
		Admin:         p.API.HasPermissionTo(userID, model.PermissionManageSystem),
		SystemWide:    p.API.HasPermissionTo(userID, model.PermissionManageSystemWideOAuth),
		DCREnabled:    model.SafeDereference(p.API.GetConfig().ServiceSettings.EnableDynamicClientRegistration),
		Allowlist:     lintOptions.Allowlist,
		ServerVersion: lintOptions.ServerVersion,
	}
	if user, err := p.API.GetUser(userID); err == nil {
		opts.Username = user.Username
	}
	m := p.Messages(userID)
	opts.Validate = func(app *model.OAuthApp, dcr bool) map[string]string { return command.ValidateApp(m, app, dcr) }
	return opts
}

func writeImportProblems(w http.ResponseWriter, problems []importer.Problem) {
	message := "Nothing was imported: the document has 1 problem. Correct it and run the dry run again."
	if len(problems) > 1 {
		message = "Nothing was imported: the document has " + strconv.Itoa(len(problems)) + " problems. Correct them and run the dry run again."
	}
	writeJSON(w, http.StatusBadRequest, map[string]any{"message": message, "errors": problems})
}
