package command

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeApps struct {
	app                   model.OAuthApp
	failUpdate, failRegen int // fail the n-th call (1-based); 0 never
	updates, regens       int
}

func (f *fakeApps) OAuthApp(string) (*model.OAuthApp, *APIError) {
	a := f.app
	return &a, nil
}

func (f *fakeApps) UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *APIError) {
	f.updates++
	if f.updates == f.failUpdate {
		return nil, &APIError{Status: http.StatusForbidden, Message: "no"}
	}
	f.app.CallbackUrls, f.app.IsTrusted = app.CallbackUrls, app.IsTrusted
	a := f.app
	return &a, nil
}

func (f *fakeApps) RegenerateSecret(string) (*model.OAuthApp, *APIError) {
	f.regens++
	if f.regens == f.failRegen {
		return nil, &APIError{Status: http.StatusInternalServerError, Message: "broken"}
	}
	f.app.ClientSecret = "secret" + strings.Repeat("x", f.regens)
	a := f.app
	return &a, nil
}

type fakeStore struct {
	recs       map[string]QuarantineRecord
	failCreate bool
}

func (s *fakeStore) CreateQuarantine(id string, rec QuarantineRecord) (bool, error) {
	if s.failCreate {
		return false, errors.New("kv down")
	}
	if _, ok := s.recs[id]; ok {
		return false, nil
	}
	s.recs[id] = rec
	return true, nil
}

func (s *fakeStore) GetQuarantine(id string) (*QuarantineRecord, error) {
	if r, ok := s.recs[id]; ok {
		return &r, nil
	}
	return nil, nil
}

func (s *fakeStore) DeleteQuarantine(id string) error { delete(s.recs, id); return nil }

func newFakes() (*fakeApps, *fakeStore, *[]string) {
	return &fakeApps{app: model.OAuthApp{Id: "app1", ClientSecret: "old", CallbackUrls: []string{"https://a.example/cb", "https://b.example/cb"}, IsTrusted: true}}, &fakeStore{recs: map[string]QuarantineRecord{}}, &[]string{}
}

func TestQuarantineAndRelease(t *testing.T) {
	apps, store, actions := newFakes()
	rec := func(a string) { *actions = append(*actions, a) }
	_, err := QuarantineApp(apps, store, "u1", "app1", 5, rec)
	require.Nil(t, err)
	assert.Equal(t, model.StringArray{InertCallback}, apps.app.CallbackUrls)
	assert.False(t, apps.app.IsTrusted)
	assert.NotEqual(t, "old", apps.app.ClientSecret)
	assert.Equal(t, QuarantineRecord{CallbackURLs: []string{"https://a.example/cb", "https://b.example/cb"}, Trusted: true, By: "u1", At: 5}, store.recs["app1"])
	assert.Equal(t, []string{"edit", "regenerate"}, *actions)

	_, err = QuarantineApp(apps, store, "u1", "app1", 6, rec)
	require.NotNil(t, err)
	assert.Equal(t, http.StatusConflict, err.Status)

	quarantineSecret := apps.app.ClientSecret
	updated, warning, err := ReleaseApp(apps, store, "app1", rec)
	require.Nil(t, err)
	assert.Empty(t, warning)
	assert.Equal(t, model.StringArray{"https://a.example/cb", "https://b.example/cb"}, updated.CallbackUrls)
	assert.True(t, updated.IsTrusted)
	assert.NotEqual(t, quarantineSecret, updated.ClientSecret)
	assert.Empty(t, store.recs)

	_, _, err = ReleaseApp(apps, store, "app1", rec)
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "not quarantined")
}

func TestQuarantineUndoes(t *testing.T) {
	// The callbacks cannot be replaced: nothing changes, the record goes.
	apps, store, actions := newFakes()
	apps.failUpdate = 1
	_, err := QuarantineApp(apps, store, "u1", "app1", 5, func(a string) { *actions = append(*actions, a) })
	require.NotNil(t, err)
	assert.Equal(t, http.StatusForbidden, err.Status)
	assert.Contains(t, err.Message, "Nothing was changed")
	assert.Empty(t, store.recs)
	assert.Equal(t, "old", apps.app.ClientSecret)
	assert.Empty(t, *actions)

	// The secret cannot be regenerated: the callbacks and trust come back.
	apps, store, _ = newFakes()
	apps.failRegen = 1
	_, err = QuarantineApp(apps, store, "u1", "app1", 5, func(string) {})
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "restored")
	assert.Equal(t, model.StringArray{"https://a.example/cb", "https://b.example/cb"}, apps.app.CallbackUrls)
	assert.True(t, apps.app.IsTrusted)
	assert.Empty(t, store.recs)

	// ... and when the undo fails too, the answer says what state the app is in.
	apps, store, _ = newFakes()
	apps.failRegen, apps.failUpdate = 1, 2
	_, err = QuarantineApp(apps, store, "u1", "app1", 5, func(string) {})
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "still replaced by "+InertCallback)
	assert.Contains(t, err.Message, "old secret still works")

	// Public clients have no secret to regenerate.
	apps, store, _ = newFakes()
	apps.app.ClientSecret = ""
	_, err = QuarantineApp(apps, store, "u1", "app1", 5, func(string) {})
	require.NotNil(t, err)
	assert.Empty(t, store.recs)

	// The record cannot be saved: nothing happens.
	apps, store, _ = newFakes()
	store.failCreate = true
	_, err = QuarantineApp(apps, store, "u1", "app1", 5, func(string) {})
	require.NotNil(t, err)
	assert.Equal(t, 0, apps.updates)
}

func TestReleaseUndoes(t *testing.T) {
	apps, store, _ := newFakes()
	_, err := QuarantineApp(apps, store, "u1", "app1", 5, func(string) {})
	require.Nil(t, err)
	apps.failRegen = 2
	_, _, err = ReleaseApp(apps, store, "app1", func(string) {})
	require.NotNil(t, err)
	assert.Contains(t, err.Message, "still quarantined")
	assert.Equal(t, model.StringArray{InertCallback}, apps.app.CallbackUrls)
	assert.False(t, apps.app.IsTrusted)
	assert.Contains(t, store.recs, "app1")
}
