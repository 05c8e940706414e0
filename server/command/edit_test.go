package command

import (
	"encoding/json"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type editFields struct {
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	Homepage     string   `json:"homepage"`
	IconURL      string   `json:"icon_url"`
	CallbackUrls []string `json:"callback_urls"`
	IsTrusted    bool     `json:"is_trusted"`
}

type editResult struct {
	Fields  *editFields `json:"fields,omitempty"`
	Changes []Change    `json:"changes,omitempty"`
	Error   string      `json:"error,omitempty"`
}

type editVector struct {
	App     editFields  `json:"app"`
	Command string      `json:"command"`
	Result  *editResult `json:"result"`
}

// TestEditVectors runs the edit-merge vectors shared with the webapp's mergeEdit.
func TestEditVectors(t *testing.T) {
	g := Load()
	var vectors []editVector
	readJSON(t, "edit_vectors.json", &vectors)
	require.NotEmpty(t, vectors)
	for i, v := range vectors {
		parsed, perr := g.Parse(v.Command)
		require.Nil(t, perr, v.Command)
		app := &model.OAuthApp{Name: v.App.Name, Description: v.App.Description, Homepage: v.App.Homepage, IconURL: v.App.IconURL, CallbackUrls: v.App.CallbackUrls, IsTrusted: v.App.IsTrusted}
		next, changes, problem := MergeEdit(app, parsed.Flags)
		got := &editResult{}
		if problem != "" {
			got.Error = missingCallbackError(English(), app, problem)
		} else {
			got.Fields = &editFields{next.Name, next.Description, next.Homepage, next.IconURL, next.CallbackUrls, next.IsTrusted}
			got.Changes = changes
		}
		if *update {
			vectors[i].Result = got
			continue
		}
		want, _ := json.Marshal(v.Result)
		have, _ := json.Marshal(got)
		assert.JSONEq(t, string(want), string(have), v.Command)
	}
	if *update {
		writeJSON(t, "edit_vectors.json", vectors)
	}
}
