package main

import (
	"encoding/json"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/lint"
)

// LintOptions implements command.Env: what the redirect-URI lint needs from
// the server, its DCR allowlist and its version.
func (p *Plugin) LintOptions() lint.Options {
	opts := lint.Options{Allowlist: []string{}}
	if p.API == nil {
		return opts
	}
	opts.ServerVersion = p.API.GetServerVersion()
	opts.Allowlist = dcrAllowlist(p.API.GetConfig())
	return opts
}

// dcrAllowlist reads ServiceSettings.DCRRedirectURIAllowlist from the raw
// configuration: the pinned server's config struct has no such field, so it is
// read through the JSON form, and an absent or malformed value is no allowlist.
func dcrAllowlist(config any) []string {
	list := []string{}
	if config == nil {
		return list
	}
	data, err := json.Marshal(config)
	if err != nil {
		return list
	}
	var raw struct {
		ServiceSettings struct {
			DCRRedirectURIAllowlist json.RawMessage
		}
	}
	if json.Unmarshal(data, &raw) != nil || len(raw.ServiceSettings.DCRRedirectURIAllowlist) == 0 {
		return list
	}
	var entries []any
	if json.Unmarshal(raw.ServiceSettings.DCRRedirectURIAllowlist, &entries) != nil {
		return list
	}
	for _, e := range entries {
		if s, ok := e.(string); ok {
			list = append(list, s)
		}
	}
	return list
}
