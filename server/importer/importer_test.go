package importer

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

var (
	idA = strings.Repeat("a", 26)
	idB = strings.Repeat("b", 26)
	idC = strings.Repeat("c", 26)
)

func rec(source, name string) Record {
	return Record{SourceID: source, Name: name, Homepage: "https://" + name + ".example.com", CallbackURLs: []string{"https://" + name + ".example.com/cb"}}
}

func target(id, name string) Target {
	r := rec(id, name)
	return Target{ID: id, Name: name, Homepage: r.Homepage, CallbackURLs: r.CallbackURLs, UpdateAt: 100}
}

func opts(match string) Options {
	m := command.English()
	return Options{
		Match: match, Admin: true, SystemWide: true, DCREnabled: true, Username: "importer",
		Validate: func(app *model.OAuthApp, dcr bool) map[string]string { return command.ValidateApp(m, app, dcr) },
	}
}

func doc(t *testing.T, apps ...any) json.RawMessage {
	data, err := json.Marshal(map[string]any{"schema": Schema, "apps": apps})
	require.NoError(t, err)
	return data
}

func TestDecodeReadsAnExportDocument(t *testing.T) {
	r := rec(idA, "wiki")
	r.IsTrusted, r.CreatorUsername = true, "alice"
	records, problems := Decode(doc(t, r))
	require.Empty(t, problems)
	assert.Equal(t, []Record{r}, records)
}

func TestDecodeNamesEachProblemByPositionAndField(t *testing.T) {
	_, problems := Decode(doc(t,
		rec(idA, "ok"),
		map[string]any{"name": 5, "homepage": "https://x.example.com", "callback_urls": []string{"https://x.example.com/cb"}, "colour": "red"},
		map[string]any{"name": "no-callbacks", "homepage": "https://x.example.com", "is_public": "yes"},
		"not an object",
	))
	assert.Equal(t, []Problem{
		{Position: 2, Field: "colour", Message: `Unknown property "colour": a record has only callback_urls, creator_username, description, homepage, icon_url, is_dynamically_registered, is_public, is_trusted, name, source_id.`},
		{Position: 2, Field: "name", Message: `"name" must be a string.`},
		{Position: 3, Field: "callback_urls", Message: `The record has no "callback_urls".`},
		{Position: 3, Field: "is_public", Message: `"is_public" must be true or false.`},
		{Position: 4, Field: "", Message: "This record is not a JSON object."},
	}, problems)
}

func TestDecodeRefusesWhatIsNotAV1Document(t *testing.T) {
	cases := map[string]struct {
		raw   string
		field string
		text  string
	}{
		"not json":     {`{"schema":`, "document", "not an export document"},
		"array":        {`[1,2]`, "document", "not an export document"},
		"no schema":    {`{"apps": []}`, "schema", "schema is nothing"},
		"other schema": {`{"schema": "oauth-manager.export/v2", "apps": []}`, "schema", `"oauth-manager.export/v2"`},
		"no apps":      {`{"schema": "oauth-manager.export/v1"}`, "apps", `no "apps" list`},
		"null record":  {`{"schema": "oauth-manager.export/v1", "apps": [null]}`, "", "not a JSON object"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, problems := Decode(json.RawMessage(c.raw))
			require.NotEmpty(t, problems)
			assert.Equal(t, c.field, problems[0].Field)
			assert.Contains(t, problems[0].Message, c.text)
		})
	}
	many := make([]any, MaxRecords+1)
	for i := range many {
		many[i] = rec("", fmt.Sprint("app", i))
	}
	_, problems := Decode(doc(t, many...))
	assert.Equal(t, []Problem{{Field: "apps", Message: "The document has 2001 apps; one import takes at most 2000. Split the file."}}, problems)
}

func TestBuildPlansCreateUpdateAndSkip(t *testing.T) {
	changed := rec(idB, "wiki")
	changed.Description, changed.CallbackURLs = "new words", []string{"https://wiki.example.com/cb", "https://wiki.example.com/cb2"}
	records := []Record{rec(idA, "grafana"), changed, rec(idC, "ci")}
	records[0].CreatorUsername = "alice"
	targets := []Target{target(idB, "wiki"), target(idC, "ci")}

	plan, problems := Build(records, targets, opts(MatchSourceID))
	require.Empty(t, problems)
	assert.Equal(t, map[string]int{"create": 1, "update": 1, "skip": 1}, plan.Counts)
	assert.Equal(t, ActionCreate, plan.Apps[0].Action)
	assert.Equal(t, ViaREST, plan.Apps[0].Via)
	assert.Equal(t, []string{"Owned by you: Mattermost cannot set an app's creator (on the source it was @alice's)."}, plan.Apps[0].Notes)
	assert.Equal(t, ActionUpdate, plan.Apps[1].Action)
	assert.Equal(t, idB, plan.Apps[1].TargetID)
	assert.Equal(t, []Change{
		{Field: "description", Old: "", New: "new words"},
		{Field: "callback_urls", Old: []string{"https://wiki.example.com/cb"}, New: changed.CallbackURLs},
	}, plan.Apps[1].Changes)
	assert.Equal(t, ActionSkip, plan.Apps[2].Action)
	assert.Len(t, plan.Digest, 64)

	// By name, the same records find the same apps even under other ids.
	byName, problems := Build(records, []Target{target(idA, "other"), {ID: "dddddddddddddddddddddddddd", Name: "ci", Homepage: "https://ci.example.com", CallbackURLs: []string{"https://ci.example.com/cb"}}}, opts(MatchName))
	require.Empty(t, problems)
	assert.Equal(t, []string{ActionCreate, ActionCreate, ActionSkip}, actions(byName))
	assert.Equal(t, "dddddddddddddddddddddddddd", byName.Apps[2].TargetID)
}

func actions(p Plan) []string {
	out := make([]string, len(p.Apps))
	for i, a := range p.Apps {
		out[i] = a.Action
	}
	return out
}

func TestBuildRefusesEveryBadRecordBeforeAnyWrite(t *testing.T) {
	badName := rec("", "")
	badURL := rec("", "u")
	badURL.CallbackURLs = []string{"ftp://u.example.com"}
	public := rec(idB, "wiki")
	public.IsPublic = true
	records := []Record{rec("short", "x"), rec(idA, "a"), rec(idA, "a2"), badName, badURL, public}
	_, problems := Build(records, []Target{target(idB, "wiki")}, opts(MatchSourceID))
	assert.Equal(t, []Problem{
		{Position: 1, Field: "source_id", Message: `source_id "short" is not a client id (26 lower-case letters and digits); leave it empty for an app made by hand.`},
		{Position: 3, Field: "source_id", Message: "Record 2 has the same source_id; each app may appear once."},
		{Position: 4, Field: "name", Message: "Give the app a name."},
		{Position: 5, Field: "callback_urls", Message: `Callback URLs must be http:// or https:// URLs, not "ftp://u.example.com".`},
		{Position: 6, Field: "is_public", Message: "The app " + idB + " here is a confidential client and the record says a public client: Mattermost cannot change that. Delete the app here first, or correct the record."},
	}, problems)

	// Matching by name: an ambiguous name, and two records for one app.
	_, problems = Build([]Record{rec("", "twin"), rec("", "wiki"), rec("", "wiki")},
		[]Target{target(idA, "twin"), target(idC, "twin"), target(idB, "wiki")}, opts(MatchName))
	assert.Equal(t, []Problem{
		{Position: 1, Field: "name", Message: `2 apps here are named exactly "twin" (` + idA + ", " + idC + `): match by source_id, or rename all but one.`},
		{Position: 3, Field: "name", Message: "Record 2 already updates the app " + idB + "; two records cannot update the same app."},
	}, problems)

	_, problems = Build(nil, nil, opts("colour"))
	assert.Equal(t, "match", problems[0].Field)
}

func TestBuildDynamicallyRegisteredRecords(t *testing.T) {
	r := rec(idA, "agent")
	r.IsDynamicallyRegistered, r.Homepage = true, ""

	plan, problems := Build([]Record{r}, nil, opts(MatchSourceID))
	require.Empty(t, problems, "a DCR client needs no homepage")
	assert.Equal(t, ViaDCR, plan.Apps[0].Via)
	assert.Empty(t, plan.Apps[0].Notes)

	off := opts(MatchSourceID)
	off.DCREnabled = false
	_, problems = Build([]Record{r}, nil, off)
	assert.Equal(t, []Problem{{Position: 1, Field: "homepage", Message: "Give a homepage URL (http:// or https://)."}}, problems, "a regular app does")
	r.Homepage = "https://agent.example.com"
	plan, problems = Build([]Record{r}, nil, off)
	require.Empty(t, problems)
	assert.Equal(t, ViaREST, plan.Apps[0].Via)
	assert.Contains(t, plan.Apps[0].Notes[0], "it is off on this server")

	narrow := opts(MatchSourceID)
	narrow.SystemWide = false
	plan, _ = Build([]Record{r}, nil, narrow)
	assert.Equal(t, ViaREST, plan.Apps[0].Via)
	assert.Contains(t, plan.Apps[0].Notes[0], "needs manage_system_wide_oauth")

	allow := opts(MatchSourceID)
	allow.Allowlist, allow.ServerVersion = []string{"https://*.example.org/**"}, "11.10.0"
	_, problems = Build([]Record{r}, nil, allow)
	assert.Equal(t, []Problem{{Position: 1, Field: "callback_urls", Message: `The server's DCR redirect-URI allowlist rejects "https://agent.example.com/cb", so the app cannot be registered dynamically here. Add a matching pattern, or correct the URL.`}}, problems)
	allow.Allowlist = []string{"https://*.example.com/**"}
	_, problems = Build([]Record{r}, nil, allow)
	assert.Empty(t, problems)
}

func TestBuildNotesWhatANonAdminCannotChange(t *testing.T) {
	trusted := rec(idA, "new")
	trusted.IsTrusted = true
	untrust := rec(idB, "wiki")
	dev := opts(MatchSourceID)
	dev.Admin = false
	wiki := target(idB, "wiki")
	wiki.IsTrusted = true
	plan, problems := Build([]Record{trusted, untrust}, []Target{wiki}, dev)
	require.Empty(t, problems)
	assert.Equal(t, []string{"Created untrusted: only a system admin can mark an app trusted."}, plan.Apps[0].Notes)
	assert.Equal(t, ActionSkip, plan.Apps[1].Action, "is_trusted is not a change a non-admin can make")
	assert.Equal(t, []string{"Trusted stays yes: only a system admin can change whether an app is trusted."}, plan.Apps[1].Notes)

	plan, _ = Build([]Record{untrust}, []Target{wiki}, opts(MatchSourceID))
	assert.Equal(t, []Change{{Field: "is_trusted", Old: true, New: false}}, plan.Apps[0].Changes)
}

func TestDigestChangesWithTheAppsItMatched(t *testing.T) {
	records := []Record{rec(idB, "wiki")}
	first, _ := Build(records, []Target{target(idB, "wiki")}, opts(MatchSourceID))
	again, _ := Build(records, []Target{target(idB, "wiki")}, opts(MatchSourceID))
	assert.Equal(t, first.Digest, again.Digest)
	touched := target(idB, "wiki")
	touched.UpdateAt++
	later, _ := Build(records, []Target{touched}, opts(MatchSourceID))
	assert.NotEqual(t, first.Digest, later.Digest)
	byName, _ := Build(records, []Target{target(idB, "wiki")}, opts(MatchName))
	assert.NotEqual(t, first.Digest, byName.Digest)
	edited := []Record{rec(idB, "wiki")}
	edited[0].Description = "x"
	other, _ := Build(edited, []Target{target(idB, "wiki")}, opts(MatchSourceID))
	assert.NotEqual(t, first.Digest, other.Digest)
}

// fakeAPI is the REST API in memory; failOn makes one call fail.
type fakeAPI struct {
	apps    map[string]*model.OAuthApp
	next    int
	failOn  string // "create:<name>", "update:<id>", "delete:<id>", "register"
	limited int    // Register answers 429 this many times first
	calls   []string
}

func newFake(targets ...Target) *fakeAPI {
	f := &fakeAPI{apps: map[string]*model.OAuthApp{}}
	for _, t := range targets {
		f.apps[t.ID] = &model.OAuthApp{Id: t.ID, Name: t.Name, Homepage: t.Homepage, CallbackUrls: t.CallbackURLs, UpdateAt: t.UpdateAt, ClientSecret: "old-secret", IsDynamicallyRegistered: t.IsDynamicallyRegistered}
	}
	return f
}

func (f *fakeAPI) newID() string {
	f.next++
	return fmt.Sprintf("%026d", f.next)
}

func (f *fakeAPI) OAuthApp(id string) (*model.OAuthApp, *command.APIError) {
	app, ok := f.apps[id]
	if !ok {
		return nil, &command.APIError{Status: http.StatusNotFound, Message: "not found"}
	}
	c := *app
	return &c, nil
}

func (f *fakeAPI) CreateOAuthApp(r *model.OAuthAppRequest) (*model.OAuthApp, *command.APIError) {
	f.calls = append(f.calls, "create "+r.Name)
	if f.failOn == "create:"+r.Name {
		return nil, &command.APIError{Status: http.StatusBadRequest, Message: "the server refused"}
	}
	app := &model.OAuthApp{Id: f.newID(), Name: r.Name, Description: r.Description, Homepage: r.Homepage, IconURL: r.IconURL, CallbackUrls: r.CallbackUrls, IsTrusted: r.IsTrusted}
	if !r.IsPublic {
		app.ClientSecret = "secret-" + app.Id
	}
	f.apps[app.Id] = app
	return app, nil
}

func (f *fakeAPI) UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *command.APIError) {
	f.calls = append(f.calls, "update "+app.Name)
	if f.failOn == "update:"+app.Id {
		return nil, &command.APIError{Status: http.StatusForbidden, Message: "no"}
	}
	c := *app
	c.UpdateAt++
	f.apps[app.Id] = &c
	return &c, nil
}

func (f *fakeAPI) DeleteOAuthApp(id string) *command.APIError {
	f.calls = append(f.calls, "delete "+id)
	if f.failOn == "delete:"+id {
		return &command.APIError{Message: "network", Kind: "network"}
	}
	delete(f.apps, id)
	return nil
}

func (f *fakeAPI) Register(r *command.RegistrationRequest) (*model.ClientRegistrationResponse, *command.APIError) {
	f.calls = append(f.calls, "register "+r.ClientName)
	if f.limited > 0 {
		f.limited--
		return nil, &command.APIError{Status: http.StatusTooManyRequests, Message: "slow down"}
	}
	app := &model.OAuthApp{Id: f.newID(), Name: r.ClientName, Homepage: r.ClientURI, CallbackUrls: r.RedirectURIs, IsDynamicallyRegistered: true}
	response := &model.ClientRegistrationResponse{ClientID: app.Id}
	if r.TokenEndpointAuthMethod != model.ClientAuthMethodNone {
		app.ClientSecret = "secret-" + app.Id
		response.ClientSecret = &app.ClientSecret
	}
	f.apps[app.Id] = app
	return response, nil
}

type recorded []string

func (r *recorded) note(action, id string) { *r = append(*r, action+" "+id) }

func TestApplyMakesThePlanAndMapsIDs(t *testing.T) {
	agent := rec(idC, "agent")
	agent.IsDynamicallyRegistered, agent.IsPublic, agent.Description = true, true, "an agent"
	changed := rec(idB, "wiki")
	changed.Description = "new"
	records := []Record{rec(idA, "grafana"), changed, agent}
	targets := []Target{target(idB, "wiki")}
	plan, problems := Build(records, targets, opts(MatchSourceID))
	require.Empty(t, problems)

	api := newFake(targets...)
	api.limited = 2
	var notes recorded
	result, failure := Apply(api, plan, notes.note)
	require.Nil(t, failure)
	assert.Equal(t, map[string]string{idA: "00000000000000000000000001", idB: idB, idC: "00000000000000000000000002"}, result.IDMap)
	assert.Equal(t, "secret-00000000000000000000000001", result.Apps[0].ClientSecret)
	assert.Empty(t, result.Apps[1].ClientSecret, "an update shows no secret")
	assert.Empty(t, result.Apps[2].ClientSecret, "a public client has none")
	assert.Equal(t, "new", api.apps[idB].Description)
	assert.Equal(t, "old-secret", api.apps[idB].ClientSecret)
	assert.Equal(t, "an agent", api.apps["00000000000000000000000002"].Description, "registration, then the rest by update")
	assert.True(t, api.apps["00000000000000000000000002"].IsDynamicallyRegistered)
	assert.Equal(t, []string{"create grafana", "update wiki", "register agent", "register agent", "register agent", "update agent"}, api.calls, "429 is retried")
	assert.Equal(t, recorded{"create 00000000000000000000000001", "edit " + idB, "create 00000000000000000000000002", "edit 00000000000000000000000002"}, notes)
}

func TestApplyUndoesEverythingWhenACallFails(t *testing.T) {
	changed := rec(idB, "wiki")
	changed.Description = "new"
	records := []Record{rec(idA, "grafana"), changed, rec(idC, "broken")}
	targets := []Target{target(idB, "wiki")}
	plan, _ := Build(records, targets, opts(MatchSourceID))

	api := newFake(targets...)
	api.failOn = "create:broken"
	var notes recorded
	_, failure := Apply(api, plan, notes.note)
	require.NotNil(t, failure)
	assert.Equal(t, &Failure{
		Status: http.StatusBadRequest, Position: 3, Undone: true, State: []Left{},
		Message: "Record 3 (broken) could not be created: the server refused. Nothing was imported: the 2 changes before it were undone.",
	}, failure)
	assert.Len(t, api.apps, 1)
	assert.Equal(t, "", api.apps[idB].Description, "the update was put back")
	assert.Equal(t, recorded{"create 00000000000000000000000001", "edit " + idB, "edit " + idB, "delete 00000000000000000000000001"}, notes)
}

func TestApplySaysWhatItCouldNotUndo(t *testing.T) {
	records := []Record{rec(idA, "grafana"), rec(idC, "broken")}
	plan, _ := Build(records, nil, opts(MatchSourceID))
	api := newFake()
	api.failOn = "create:broken"
	// The first create gets id 1; deleting it fails.
	first := "00000000000000000000000001"
	wrapped := &failingDelete{fakeAPI: api, id: first}
	_, failure := Apply(wrapped, plan, func(string, string) {})
	require.NotNil(t, failure)
	assert.False(t, failure.Undone)
	assert.Equal(t, []Left{{Position: 1, Name: "grafana", ClientID: first, State: "created"}}, failure.State)
	assert.Contains(t, failure.Message, "Undoing the earlier changes failed for 1 app, left as listed")
}

type failingDelete struct {
	*fakeAPI
	id string
}

func (f *failingDelete) DeleteOAuthApp(id string) *command.APIError {
	if id == f.id {
		return &command.APIError{Message: "could not reach the server", Kind: "network"}
	}
	return f.fakeAPI.DeleteOAuthApp(id)
}

func TestApplyRefusesAnAppChangedAfterTheDryRun(t *testing.T) {
	changed := rec(idB, "wiki")
	changed.Description = "new"
	targets := []Target{target(idB, "wiki")}
	plan, _ := Build([]Record{rec(idA, "grafana"), changed}, targets, opts(MatchSourceID))
	api := newFake(targets...)
	api.apps[idB].UpdateAt = 999 // edited meanwhile
	_, failure := Apply(api, plan, func(string, string) {})
	require.NotNil(t, failure)
	assert.Equal(t, http.StatusConflict, failure.Status)
	assert.True(t, failure.Undone)
	assert.Len(t, api.apps, 1, "the app created before it was deleted again")
	assert.Equal(t, "Record 2 (wiki) could not be updated: the app changed after the dry run. Nothing was imported: the 1 change before it was undone.", failure.Message)
}

func TestMergeListsEveryProblemOnceByPosition(t *testing.T) {
	shape := []Problem{{Position: 2, Field: "homepage", Message: "type"}}
	built := []Problem{{Position: 1, Field: "callback_urls", Message: "bad"}, {Position: 2, Field: "homepage", Message: "missing"}, {Position: 3, Field: "name", Message: "missing"}}
	assert.Equal(t, []Problem{built[0], shape[0], built[2]}, Merge(shape, built))
	assert.True(t, OfDocument([]Problem{{Field: "schema"}}))
	assert.False(t, OfDocument(shape))
}
