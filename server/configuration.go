package main

import (
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
	if n.CommandAccess != accessSystemAdmins {
		n.CommandAccess = accessEveryone
	}
	return &n
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
	p.setConfiguration(c.normalized())
	p.scheduleTrail()
	return nil
}
