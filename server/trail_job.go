package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/cluster"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/trail"
)

// governance is the plugin's server-only state: the bot, the change trail's
// schedule and the lock every run takes, on every node.
type governance struct {
	botID string
	store trail.Store
	lock  *cluster.Mutex
	now   func() time.Time

	// jobMu guards the schedule. It is not mu: closing a job waits for a run
	// in progress, and a run takes mu.
	jobMu      sync.Mutex
	job        *cluster.Job
	jobMinutes int

	mu     sync.Mutex
	joined string // the audit channel the bot was last added to

	// actorEvictions counts the notes of who changed an app dropped to keep
	// that record within actorsMaxNotes (on this node, since the plugin started).
	actorEvictions atomic.Int64
}

const (
	botUsername   = "oauth-manager"
	trailJobKey   = "trail"
	trailLockKey  = "trail-run"
	trailRunLimit = 5 * time.Minute

	errTrailStoreDown = "its records in the database cannot be read (is the database down?). Nothing was changed: the next check covers every change since the last run"
)

// startGovernance makes the bot and schedules the change trail.
func (p *Plugin) startGovernance() error {
	if p.Driver == nil {
		// Only outside a server (unit tests of activation): no database, no trail.
		return nil
	}
	botID, err := p.client.Bot.EnsureBot(&model.Bot{
		Username:    botUsername,
		DisplayName: "OAuth Apps Manager",
		Description: "Reports changes to OAuth apps, reminds creators of old client secrets and prunes unused dynamically registered clients.",
	}, pluginapi.ProfileImagePath("assets/bot.png"))
	if err != nil {
		return fmt.Errorf("failed to ensure the bot account: %w", err)
	}
	lock, err := cluster.NewMutex(p.API, trailLockKey)
	if err != nil {
		return fmt.Errorf("failed to make the change trail's lock: %w", err)
	}
	p.gov = &governance{botID: botID, store: trail.Store{KV: pluginKV{p.API}}, lock: lock, now: time.Now}
	p.scheduleTrail()
	return nil
}

// scheduleTrail (re)schedules the trail at the configured interval.
func (p *Plugin) scheduleTrail() {
	g := p.gov
	if g == nil {
		return
	}
	minutes := p.getConfiguration().TrailIntervalMinutes
	g.jobMu.Lock()
	defer g.jobMu.Unlock()
	if g.job != nil && g.jobMinutes == minutes {
		return
	}
	if g.job != nil {
		_ = g.job.Close()
	}
	job, err := cluster.Schedule(p.API, trailJobKey, cluster.MakeWaitForInterval(time.Duration(minutes)*time.Minute), func() {
		if _, err := p.runTrail(); err != nil {
			p.API.LogWarn("The change trail could not run; the next run covers the gap", "reason", err.Error())
		}
	})
	if err != nil {
		p.API.LogError("The change trail could not be scheduled", "reason", err.Error())
		g.job = nil
		return
	}
	g.job, g.jobMinutes = job, minutes
}

func (p *Plugin) stopGovernance() {
	if g := p.gov; g != nil {
		g.jobMu.Lock()
		defer g.jobMu.Unlock()
		if g.job != nil {
			_ = g.job.Close()
			g.job = nil
		}
	}
}

// trailRun is what one run did, for the run-now route.
type trailRun struct {
	Ran    bool `json:"ran"`
	Events int  `json:"events"`
	Posted int  `json:"posted"`
}

// runTrail runs the trail once, under the cluster-wide lock, whoever asks
// (the schedule, the run-now route, the deactivation hook).
func (p *Plugin) runTrail() (trailRun, error) {
	g := p.gov
	if g == nil {
		return trailRun{}, errors.New("the plugin is not active")
	}
	// The cluster lock lives in the KV store, and taking it retries until
	// trailRunLimit while the database is down: say so at once instead.
	if _, _, err := g.store.Head(); err != nil {
		p.API.LogWarn("The change trail could not read its record", "reason", err.Error())
		return trailRun{}, errors.New(errTrailStoreDown)
	}
	ctx, cancel := context.WithTimeout(context.Background(), trailRunLimit)
	defer cancel()
	if err := g.lock.LockWithContext(ctx); err != nil {
		return trailRun{}, fmt.Errorf("another run of the change trail is still going: %w", err)
	}
	defer g.lock.Unlock()
	cfg := p.getConfiguration()
	run := trailRun{}
	// Posts an earlier run could not deliver go first, in order.
	sent, deliverErr := p.deliver(cfg)
	run.Posted += sent
	if status := p.apps.Status(); !status.OK() {
		return run, errors.New("the read model is off: " + status.Listing)
	}
	key, err := secretHashKey(g.store.KV)
	if err != nil {
		return run, err
	}
	current, err := p.apps.Fingerprints(ctx, key)
	if err != nil {
		return run, fmt.Errorf("the apps could not be read: %s", readmodel.PlainError(err))
	}
	notes, _, err := readActors(g.store.KV)
	if err != nil {
		return run, err
	}
	head, _, err := g.store.Head()
	if err != nil {
		return run, err
	}
	now := g.now().UnixMilli()
	m := p.serverMessages()
	tc := command.TrailContext{
		Audit: cfg.AuditChannelID != "", Since: head.Taken, Now: now, MaxAgeDays: cfg.SecretMaxAgeDays,
		Usernames: p.usernamesOf, Usage: p.usageOfCreator,
	}
	f, err := g.store.Run(trail.Input{
		Now: now, Current: current, MaxAgeDays: cfg.SecretMaxAgeDays, Channel: cfg.AuditChannelID,
		Actors: func(appID string) []trail.Actor {
			var out []trail.Actor
			for _, a := range notes[appID] {
				if a.At <= now {
					out = append(out, a)
				}
			}
			return out
		},
		Render: func(f trail.Findings) []trail.Post { return command.TrailPosts(m, f, tc) },
	})
	if err != nil {
		return run, err
	}
	run.Ran, run.Events = true, len(f.Result.Events)+len(f.Result.Registered)+len(f.Result.OwnersLeft)
	var reported []string
	for _, e := range f.Result.Events {
		reported = append(reported, e.App.ID)
	}
	if err := forgetActors(g.store.KV, reported, now); err != nil {
		p.API.LogWarn("The change trail could not clear its records of who changed which app", "reason", err.Error())
	}
	if cfg.ScheduledPrune {
		p.scheduledPrune(cfg)
	}
	sent, err = p.deliver(cfg)
	run.Posted += sent
	if err == nil {
		err = deliverErr
	}
	return run, err
}

// deliver posts the trail's outbox. A post the server refuses for good (the
// channel was deleted or archived, the user is gone) is dropped with a
// warning; any other failure stops, and the next run tries again.
func (p *Plugin) deliver(cfg *configuration) (int, error) {
	g := p.gov
	return g.store.Deliver(func(post trail.Post) error {
		channelID := cfg.AuditChannelID
		if post.UserID != "" {
			dm, appErr := p.API.GetDirectChannel(g.botID, post.UserID)
			if appErr != nil {
				return p.dropOrRetry(appErr, "direct message")
			}
			channelID = dm.Id
		} else if channelID == "" {
			// The audit channel was turned off after the post was queued.
			return nil
		} else {
			p.joinAuditChannel(channelID)
		}
		_, appErr := p.API.CreatePost(&model.Post{UserId: g.botID, ChannelId: channelID, Message: post.Message, Props: model.StringInterface(post.Props)})
		if appErr != nil {
			return p.dropOrRetry(appErr, "post")
		}
		return nil
	})
}

func (p *Plugin) dropOrRetry(appErr *model.AppError, what string) error {
	if appErr.StatusCode >= 400 && appErr.StatusCode < 500 {
		p.API.LogWarn("The change trail dropped a "+what+" the server refused", "reason", appErr.Message)
		return nil
	}
	return appErr
}

// joinAuditChannel adds the bot to the audit channel once per channel, so it
// is listed among the members it posts to.
func (p *Plugin) joinAuditChannel(channelID string) {
	g := p.gov
	g.mu.Lock()
	done := g.joined == channelID
	g.mu.Unlock()
	if done {
		return
	}
	if _, appErr := p.API.AddChannelMember(channelID, g.botID); appErr != nil && appErr.StatusCode != http.StatusBadRequest {
		p.API.LogWarn("The bot could not join the audit channel", "reason", appErr.Message)
		return
	}
	g.mu.Lock()
	g.joined = channelID
	g.mu.Unlock()
}

// usernamesOf maps user ids to usernames (for the bot's posts).
func (p *Plugin) usernamesOf(ids []string) map[string]string {
	names := map[string]string{}
	var wanted []string
	for _, id := range ids {
		if id != "" && names[id] == "" {
			names[id] = ""
			wanted = append(wanted, id)
		}
	}
	if len(wanted) == 0 {
		return names
	}
	users, appErr := p.API.GetUsersByIds(wanted)
	if appErr == nil {
		for _, u := range users {
			names[u.Id] = u.Username
		}
	}
	return names
}

// usageOfCreator reads the usage of a creator's apps from the read model; nil
// when the usage figures are off or the database cannot be read.
func (p *Plugin) usageOfCreator(creatorID string) map[string]*readmodel.Usage {
	apps, err := p.readAll(readmodel.Query{CreatorID: creatorID})
	if err != nil {
		return nil
	}
	out := map[string]*readmodel.Usage{}
	for _, a := range apps {
		out[a.ID] = a.Usage
	}
	return out
}

// readAll lists every app matching q (all scopes), with usage when it is on.
func (p *Plugin) readAll(q readmodel.Query) ([]readmodel.App, error) {
	status := p.apps.Status()
	if !status.OK() {
		return nil, errors.New(status.Listing)
	}
	opts := readmodel.Options{Now: p.gov.now().UnixMilli(), StaleAfterDays: p.getConfiguration().StaleAfterDays, Usage: status.Usage == ""}
	q.Sort, q.All = "name", true
	st, err := readmodel.Build(q, readmodel.Scope{}, opts)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), listingTimeout)
	defer cancel()
	page, err := p.apps.List(ctx, st, true, opts)
	if err != nil {
		return nil, err
	}
	return page.Apps, nil
}

// UserHasBeenDeactivated reports the user's apps at once: the trail sees the
// creator's deactivation and posts it (once, whichever node runs it).
func (p *Plugin) UserHasBeenDeactivated(_ *plugin.Context, _ *model.User) {
	go func() {
		if _, err := p.runTrail(); err != nil {
			p.API.LogWarn("The change trail could not run after a deactivation; the next run reports it", "reason", err.Error())
		}
	}()
}
