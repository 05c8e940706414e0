package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/plugin/plugintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// memStore is a KV store in memory, for the governance routes.
type memStore struct{ data map[string][]byte }

func (m *memStore) Get(key string) ([]byte, error) { return m.data[key], nil }
func (m *memStore) Set(key string, v []byte) error { m.data[key] = v; return nil }
func (m *memStore) Delete(key string) error        { delete(m.data, key); return nil }
func (m *memStore) CompareAndSet(key string, old, v []byte) (bool, error) {
	cur, ok := m.data[key]
	if (old == nil && ok) || (old != nil && !bytes.Equal(cur, old)) {
		return false, nil
	}
	m.data[key] = v
	return true, nil
}

type perms struct{ admin, manage, wide bool }

// governancePlugin is a plugin whose caller "user1" holds perms, with the
// trail's snapshot holding apps (one run done).
func governancePlugin(t *testing.T, who perms, apps ...readmodel.App) (*Plugin, *plugintest.API, *memStore) {
	t.Helper()
	api := &plugintest.API{}
	api.On("HasPermissionTo", "user1", model.PermissionManageSystem).Return(who.admin).Maybe()
	api.On("HasPermissionTo", "user1", model.PermissionManageOAuth).Return(who.manage).Maybe()
	api.On("HasPermissionTo", "user1", model.PermissionManageSystemWideOAuth).Return(who.wide).Maybe()
	api.On("LogWarn", mock.Anything, mock.Anything, mock.Anything, mock.Anything, mock.Anything).Return().Maybe()
	kv := &memStore{data: map[string][]byte{}}
	store := trail.Store{KV: kv}
	var current []trail.Current
	for _, a := range apps {
		current = append(current, trail.Current{App: a, SecretHash: "h-" + a.ID})
	}
	_, err := store.Run(trail.Input{Now: 1000, Current: current, Actors: func(string) []trail.Actor { return nil }, Render: func(trail.Findings) []trail.Post { return nil }})
	require.NoError(t, err)
	p := &Plugin{apps: &fakeSource{}, gov: &governance{botID: "bot", store: store, now: func() time.Time { return time.UnixMilli(2000) }}}
	p.SetAPI(api)
	return p, api, kv
}

func call(p *Plugin, method, path, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, path, bytes.NewBufferString(body))
	r.Header.Set("Mattermost-User-ID", "user1")
	p.ServeHTTP(&plugin.Context{}, w, r)
	return w
}

const (
	ownApp   = "ownownownownownownownown1"
	otherApp = "otherotherotherotherothe1"
)

var snapshotApps = []readmodel.App{{ID: ownApp + "a", Name: "Mine", CreatorID: "user1", CreateAt: 5, UpdateAt: 5}, {ID: otherApp + "a", Name: "Theirs", CreatorID: "user2", CreateAt: 5, UpdateAt: 9}}

// The audit claim follows the REST rule for changing an app, so a user cannot
// have the trail name them for a change they could not have made.
func TestAuditClaimIsTheRESTChangeRule(t *testing.T) {
	mine, theirs := snapshotApps[0].ID, snapshotApps[1].ID
	cases := []struct {
		name   string
		who    perms
		app    string
		exists bool
		want   int
	}{
		{"no manage_oauth", perms{wide: true}, mine, true, http.StatusForbidden},
		{"own app", perms{manage: true}, mine, true, http.StatusNoContent},
		{"another's app", perms{manage: true}, theirs, true, http.StatusForbidden},
		{"another's app, system-wide", perms{manage: true, wide: true}, theirs, true, http.StatusNoContent},
		{"own deleted app, from the snapshot", perms{manage: true}, mine, false, http.StatusNoContent},
		{"another's deleted app", perms{manage: true}, theirs, false, http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, api, kv := governancePlugin(t, c.who, snapshotApps...)
			creator := map[string]string{mine: "user1", theirs: "user2"}[c.app]
			if c.exists {
				api.On("GetOAuthApp", c.app).Return(&model.OAuthApp{Id: c.app, CreatorId: creator}, nil).Maybe()
			} else {
				api.On("GetOAuthApp", c.app).Return(nil, model.NewAppError("GetOAuthApp", "x", nil, "", http.StatusNotFound)).Maybe()
			}
			api.On("LogAuditRec", mock.Anything).Return().Maybe()
			action := "edit"
			if !c.exists {
				action = "delete"
			}
			w := call(p, http.MethodPost, auditRoute, `{"action":"`+action+`","app_id":"`+c.app+`"}`)
			assert.Equal(t, c.want, w.Code, w.Body.String())
			notes, _, _ := readActors(kv)
			if c.want == http.StatusNoContent {
				require.Len(t, notes[c.app], 1)
				assert.Equal(t, "user1", notes[c.app][0].UserID)
				api.AssertCalled(t, "LogAuditRec", mock.Anything)
			} else {
				assert.Empty(t, notes)
				api.AssertNotCalled(t, "LogAuditRec", mock.Anything)
			}
		})
	}
	p, _, _ := governancePlugin(t, perms{manage: true})
	w := call(p, http.MethodPost, auditRoute, `{"action":"rename","app_id":"`+mine+`"}`)
	assert.Equal(t, http.StatusBadRequest, w.Code)
}

// Secret ages follow the REST list rule: own apps with manage_oauth, every
// app with system-wide too, nothing without manage_oauth.
func TestSecretAgesAreTheRESTListRule(t *testing.T) {
	p, _, _ := governancePlugin(t, perms{manage: true}, snapshotApps...)
	w := call(p, http.MethodGet, secretAgesRoute, "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"max_age_days":0,"pending":false,"ages":{"`+snapshotApps[0].ID+`":{"since":5,"exact":true,"due_at":null,"overdue":false}}}`, w.Body.String())

	p, _, _ = governancePlugin(t, perms{manage: true, wide: true}, snapshotApps...)
	w = call(p, http.MethodGet, secretAgesRoute, "")
	assert.Contains(t, w.Body.String(), snapshotApps[1].ID)
	assert.Contains(t, w.Body.String(), `"exact":false`, "updated before the trail began: at least since the update")

	p, _, _ = governancePlugin(t, perms{wide: true}, snapshotApps...)
	w = call(p, http.MethodGet, secretAgesRoute, "")
	assert.Equal(t, http.StatusForbidden, w.Code)
}

func TestGovernanceRoutesRefuse(t *testing.T) {
	p, _, _ := governancePlugin(t, perms{manage: true, wide: true})
	assert.Equal(t, http.StatusForbidden, call(p, http.MethodGet, governanceRoute, "").Code, "status is for system admins")
	assert.Equal(t, http.StatusForbidden, call(p, http.MethodPost, trailRunRoute, "").Code, "run-now is for system admins")
	p, _, _ = governancePlugin(t, perms{manage: true})
	w := call(p, http.MethodPost, pruneRoute, `{}`)
	assert.Equal(t, http.StatusForbidden, w.Code, "DCR clients have no creator: only system-wide managers can delete them")
	assert.Contains(t, w.Body.String(), "manage_system_wide_oauth")
	assert.Equal(t, http.StatusBadRequest, call(p, http.MethodPost, pruneRoute, `{"older_than_days":-1}`).Code)
	assert.Equal(t, http.StatusBadRequest, call(p, http.MethodPost, pruneConfirmRoute, `{"count":1}`).Code)
	assert.Equal(t, http.StatusBadRequest, call(p, http.MethodPost, rotateRoute, `{"app_id":"nope"}`).Code)
	assert.Equal(t, http.StatusBadRequest, call(p, http.MethodGet, setupRoute+"?app_id=nope", "").Code)
	assert.Equal(t, http.StatusBadRequest, call(p, http.MethodGet, setupRoute+"?app_id="+ownApp+"x&client=nextcloud", "").Code)
}

// downStore is the KV store while the database is down: every call fails.
type downStore struct{}

func (downStore) Get(string) ([]byte, error) {
	return nil, errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
}
func (downStore) Set(string, []byte) error { return errors.New("down") }
func (downStore) Delete(string) error      { return errors.New("down") }
func (downStore) CompareAndSet(string, []byte, []byte) (bool, error) {
	return false, errors.New("down")
}

// With the database down, "Check for changes now" answers at once, in plain
// words (not after the cluster lock's retries, which would take minutes).
func TestTheTrailSaysAtOnceWhenItsStoreIsDown(t *testing.T) {
	p, _, _ := governancePlugin(t, perms{admin: true})
	p.gov.store = trail.Store{KV: downStore{}}
	start := time.Now()
	w := call(p, http.MethodPost, "/api/v1/trail/run", "")
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, http.StatusServiceUnavailable, w.Code)
	var body struct{ Message string }
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	assert.Equal(t, "The change trail could not run: "+errTrailStoreDown+".", body.Message)
	assert.NotContains(t, body.Message, "dial tcp")
}
