package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/importer"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

func getExport(p *Plugin, signedIn bool) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/export", nil)
	if signedIn {
		r.Header.Set("Mattermost-User-ID", "user1")
	}
	p.ServeHTTP(nil, w, r)
	return w
}

func TestExportRefusals(t *testing.T) {
	source := &fakeSource{}
	assert.Equal(t, http.StatusUnauthorized, getExport(listingPlugin(t, true, true, true, source), false).Code)

	w := getExport(listingPlugin(t, false, true, true, source), true)
	assert.Equal(t, http.StatusForbidden, w.Code)
	assert.Contains(t, w.Body.String(), "manage_oauth")

	w = getExport(listingPlugin(t, true, true, false, source), true)
	assert.Equal(t, http.StatusNotImplemented, w.Code)
	assert.Nil(t, source.got, "nothing was read")

	// The listing's fallback answer when the read model cannot be read.
	w = getExport(listingPlugin(t, true, true, true, &fakeSource{status: readmodel.Unavailable("oauthapps.name is missing")}), true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Contains(t, w.Body.String(), `"unavailable":"oauthapps.name is missing"`)
	w = getExport(listingPlugin(t, true, true, true, nil), true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	w = getExport(listingPlugin(t, true, true, true, &fakeSource{err: errors.New("pq: canceling statement due to statement timeout")}), true)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	assert.Contains(t, w.Body.String(), `"unavailable":"the database did not answer in time"`)
	assert.Equal(t, "", w.Header().Get("Content-Disposition"))
}

func TestExportScope(t *testing.T) {
	own := &fakeSource{page: readmodel.Page{Apps: []readmodel.App{}}}
	require.Equal(t, http.StatusOK, getExport(listingPlugin(t, true, false, true, own), true).Code)
	require.NotNil(t, own.got)
	assert.Contains(t, own.got.Page, "WHERE o.CreatorId = $", "manage_oauth alone exports only the caller's apps")
	assert.Contains(t, own.got.Args, "user1")
	assert.Contains(t, own.got.Page, `ORDER BY lower(a.name) COLLATE "C" ASC, a.id COLLATE "C" ASC`)
	assert.Contains(t, own.got.Args, readmodel.MaxAll+1, "every app, not a page")

	all := &fakeSource{page: readmodel.Page{Apps: []readmodel.App{}}}
	require.Equal(t, http.StatusOK, getExport(listingPlugin(t, true, true, true, all), true).Code)
	require.NotNil(t, all.got)
	assert.NotContains(t, all.got.Page, "o.CreatorId = $")
}

func TestExportDocument(t *testing.T) {
	never := true
	source := &fakeSource{page: readmodel.Page{Total: 2, Apps: []readmodel.App{
		{
			ID: "app1", Name: "Alpha", Description: "d", Homepage: "https://h", IconURL: "https://i", CallbackURLs: []string{"https://cb"},
			CreatorID: "user1", CreatorUsername: "dev", CreateAt: 5, UpdateAt: 6, IsTrusted: true, IsDynamicallyRegistered: true,
			Usage: &readmodel.Usage{AuthorizedUsers: 3}, States: readmodel.States{NeverUsed: &never},
		},
		{ID: "app2", Name: "beta", IsPublic: true},
	}}}
	w := getExport(listingPlugin(t, true, true, true, source), true)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Regexp(t, `^attachment; filename="oauth-apps-\d{4}-\d{2}-\d{2}\.json"$`, w.Header().Get("Content-Disposition"))
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))

	var doc map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &doc))
	assert.Equal(t, "oauth-manager.export/v1", doc["schema"])
	assert.Greater(t, doc["exported_at"], float64(0))
	assert.Equal(t, []any{
		map[string]any{
			"source_id": "app1", "name": "Alpha", "description": "d", "homepage": "https://h", "icon_url": "https://i",
			"callback_urls": []any{"https://cb"}, "is_trusted": true, "is_public": false, "is_dynamically_registered": true, "creator_username": "dev",
		},
		map[string]any{
			"source_id": "app2", "name": "beta", "description": "", "homepage": "", "icon_url": "",
			"callback_urls": []any{}, "is_trusted": false, "is_public": true, "is_dynamically_registered": false, "creator_username": "",
		},
	}, doc["apps"])
	assert.NotContains(t, strings.ToLower(w.Body.String()), "secret")
}

// The record is built from readmodel.App, which never holds a secret; neither
// may the export's own types.
func TestExportHasNoSecretField(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeOf(exportDocument{}), reflect.TypeOf(importer.Record{}), reflect.TypeOf(readmodel.App{})} {
		for _, name := range jsonNames(typ) {
			assert.NotContains(t, strings.ToLower(name), "secret", "%s.%s", typ.Name(), name)
		}
	}
}

// The documented schema names exactly the fields the route writes.
func TestExportMatchesItsSchema(t *testing.T) {
	data, err := os.ReadFile("../docs/export-schema.json")
	require.NoError(t, err)
	var schema struct {
		Schema     string `json:"$schema"`
		ID         string `json:"$id"`
		Required   []string
		Properties map[string]struct {
			Const string `json:"const"`
		}
		Defs map[string]struct {
			Required   []string
			Properties map[string]any
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(data, &schema))
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", schema.Schema)
	assert.True(t, strings.HasSuffix(schema.ID, "/"+exportSchema), "$id %q names the version", schema.ID)
	assert.Equal(t, exportSchema, schema.Properties["schema"].Const)

	docFields := jsonNames(reflect.TypeOf(exportDocument{}))
	assert.Equal(t, docFields, keys(schema.Properties))
	assert.Equal(t, docFields, sorted(schema.Required))
	appFields := jsonNames(reflect.TypeOf(importer.Record{}))
	assert.Equal(t, appFields, keys(schema.Defs["app"].Properties))
	assert.Equal(t, appFields, sorted(schema.Defs["app"].Required))
}

func jsonNames(typ reflect.Type) []string {
	var names []string
	for i := 0; i < typ.NumField(); i++ {
		if tag := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]; tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return sorted(names)
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return sorted(out)
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
