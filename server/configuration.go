package main

import (
	"net/url"
	"strings"

	"github.com/pkg/errors"
)

// configuration mirrors settings_schema in plugin.json. It is replaced, never
// mutated, so readers may keep the pointer they got without locking.
type configuration struct {
	// CommandAccess is "everyone" (the server's permissions decide) or
	// "system_admins" (/oauth beyond help is for system admins only).
	CommandAccess string
	// RevealSecretsInChat lets /oauth show --reveal print a secret (ephemerally).
	RevealSecretsInChat bool
	// DefaultPageSize is the per_page used by /oauth list and the console table.
	DefaultPageSize int
	// StaleAfterDays marks an app stale when its OAuth sessions show no
	// activity for this long (the read model's usage states).
	StaleAfterDays int

	// Governance (docs/governance.md). AuditChannelID "" posts nothing.
	AuditChannelID       string
	TrailIntervalMinutes int
	SecretMaxAgeDays     int // 0: off
	ScheduledPrune       bool
	PruneAfterDays       int
	PruneMaxPerRun       int

	// RESTAPIAddress overrides the address the Go half calls the server's own
	// REST API at (ownListener): an absolute http(s) URL, for a server that
	// reaches itself only through another internal address. "" (or a value
	// that is not such a URL, see restAPIAddressProblem): ListenAddress.
	RESTAPIAddress string
}

const (
	accessEveryone     = "everyone"
	accessSystemAdmins = "system_admins"
)

// defaults are plugin.json's defaults (manifest_test.go keeps them equal). The
// server applies manifest defaults only for settings outside sections, and
// ours are in sections, so a setting the admin never saved keeps these.
func defaults() *configuration {
	return &configuration{
		CommandAccess: accessEveryone, RevealSecretsInChat: true, DefaultPageSize: 50, StaleAfterDays: 90,
		TrailIntervalMinutes: 5, PruneAfterDays: 90, PruneMaxPerRun: 20,
	}
}

// normalized fills defaults for values the admin left empty or out of range.
func (c *configuration) normalized() *configuration {
	n := *c
	if n.DefaultPageSize < 1 || n.DefaultPageSize > 200 {
		n.DefaultPageSize = 50
	}
	if n.StaleAfterDays < 1 || n.StaleAfterDays > 3650 {
		n.StaleAfterDays = 90
	}
	n.TrailIntervalMinutes = inRange(n.TrailIntervalMinutes, 1, 1440, 5)
	n.SecretMaxAgeDays = inRange(n.SecretMaxAgeDays, 0, 36500, 0)
	n.PruneAfterDays = inRange(n.PruneAfterDays, 0, 3650, 90)
	n.PruneMaxPerRun = inRange(n.PruneMaxPerRun, 1, 1000, 20)
	n.RESTAPIAddress = strings.TrimRight(strings.TrimSpace(n.RESTAPIAddress), "/")
	if restAPIAddressProblem(n.RESTAPIAddress) != "" {
		n.RESTAPIAddress = ""
	}
	if n.CommandAccess != accessSystemAdmins {
		n.CommandAccess = accessEveryone
	}
	return &n
}

// restAPIAddressProblem says why address cannot be the REST API's base URL,
// or "" when it can (or is empty): http or https, a host, no user
// information, query or fragment. A path is the Site URL's subpath, if any.
func restAPIAddressProblem(address string) string {
	if address == "" {
		return ""
	}
	u, err := url.Parse(address)
	switch {
	case err != nil:
		return "it is not a URL"
	case u.Scheme != "http" && u.Scheme != "https":
		return "it must start with http:// or https://"
	case u.Host == "" || u.Hostname() == "":
		return "it names no host"
	case u.User != nil:
		return "it must not hold a user name or password"
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return "it must not have a query or fragment"
	}
	return ""
}

func inRange(v, lo, hi, fallback int) int {
	if v < lo || v > hi {
		return fallback
	}
	return v
}

func (p *Plugin) getConfiguration() *configuration {
	p.configurationLock.RLock()
	defer p.configurationLock.RUnlock()
	if p.configuration == nil {
		return defaults().normalized()
	}
	return p.configuration
}

func (p *Plugin) setConfiguration(c *configuration) {
	p.configurationLock.Lock()
	defer p.configurationLock.Unlock()
	p.configuration = c
}

// OnConfigurationChange is called by the server when the plugin's settings change.
func (p *Plugin) OnConfigurationChange() error {
	c := defaults()
	if err := p.API.LoadPluginConfiguration(c); err != nil {
		return errors.Wrap(err, "failed to load plugin configuration")
	}
	if problem := restAPIAddressProblem(strings.TrimRight(strings.TrimSpace(c.RESTAPIAddress), "/")); problem != "" {
		p.API.LogWarn("The REST API address setting is ignored: the server's listen address is used instead", "reason", problem)
	}
	p.setConfiguration(c.normalized())
	p.scheduleTrail()
	return nil
}
