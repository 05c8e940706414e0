package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

func TestQuarantineRecordIsCreatedOnce(t *testing.T) {
	kv := &memStore{data: map[string][]byte{}}
	rec := command.QuarantineRecord{CallbackURLs: []string{"https://a.example/cb"}, Trusted: true, By: "u1", At: 7}
	missing, err := getQuarantine(kv, "app1")
	require.NoError(t, err)
	assert.Nil(t, missing)

	created, err := createQuarantine(kv, "app1", rec)
	require.NoError(t, err)
	assert.True(t, created)
	created, err = createQuarantine(kv, "app1", command.QuarantineRecord{By: "u2"})
	require.NoError(t, err)
	assert.False(t, created, "a second quarantine must not overwrite the first record")

	got, err := getQuarantine(kv, "app1")
	require.NoError(t, err)
	assert.Equal(t, &rec, got)
	assert.JSONEq(t, `{"callback_urls":["https://a.example/cb"],"is_trusted":true,"by":"u1","at":7}`, string(kv.data["quarantine-app1"]))
}
