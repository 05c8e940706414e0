package command

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
)

// maxPerPage is the REST API's page limit.
const maxPerPage = 200

// allApps is every app the caller may manage, as webapp/src/store/slice.ts
// listAllApps reads them: the list query has no ORDER BY, so an app updated
// while pages are read can move between pages. Passes repeat until two in a
// row find the same ids, and only the last pass is kept. Pages are read four at
// a time. complete is false when the apps kept changing.
func allApps(api *REST) (apps []*model.OAuthApp, complete bool, failed *APIError) {
	const concurrency, maxPasses = 4, 4
	var previous map[string]bool
	for pass := 1; pass <= maxPasses; pass++ {
		byID := map[string]*model.OAuthApp{}
		order := []string{}
		for first, done := 0, false; !done; first += concurrency {
			pages := make([][]*model.OAuthApp, concurrency)
			errs := make([]*APIError, concurrency)
			var wg sync.WaitGroup
			for i := range concurrency {
				wg.Go(func() { pages[i], errs[i] = api.OAuthAppPage(first+i, maxPerPage) })
			}
			wg.Wait()
			for i, page := range pages {
				if errs[i] != nil {
					return nil, false, errs[i]
				}
				for _, app := range page {
					if _, seen := byID[app.Id]; !seen {
						order = append(order, app.Id)
					}
					byID[app.Id] = app
				}
				if len(page) < maxPerPage {
					done = true
				}
			}
		}
		apps = make([]*model.OAuthApp, len(order))
		ids := make(map[string]bool, len(order))
		for i, id := range order {
			apps[i] = byID[id]
			ids[id] = true
		}
		if previous != nil && sameIDs(previous, ids) {
			return apps, true, nil
		}
		previous = ids
	}
	return apps, false, nil
}

func sameIDs(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for id := range a {
		if !b[id] {
			return false
		}
	}
	return true
}

// authorizedApps is every app userID authorized, page by page.
func authorizedApps(api *REST, userID string) ([]*model.OAuthApp, *APIError) {
	var all []*model.OAuthApp
	seen := map[string]bool{}
	for page := 0; ; page++ {
		apps, err := api.AuthorizedPage(userID, page, maxPerPage)
		if err != nil {
			return nil, err
		}
		for _, app := range apps {
			if !seen[app.Id] {
				seen[app.Id] = true
				all = append(all, app)
			}
		}
		if len(apps) < maxPerPage {
			return all, nil
		}
	}
}

// nameListing is what a name lookup needs of a user's recent complete listing:
// ids and names only (never a secret), kept in memory for a few seconds.
type nameListing struct {
	at   time.Time
	apps []appName
}

type appName struct{ id, name string }

// Listings are cached per user; a lookup's hit is still read in full (and its
// name checked) before anything is done with it. The cache is bounded: at most
// maxUsers listings and maxNames names in all (a listing of 100,000 apps is
// about 100,000 names); past either limit the oldest listings are evicted, and
// a single listing larger than maxNames is not kept at all.
type Listings struct {
	mu       sync.Mutex
	ttl      time.Duration
	now      func() time.Time
	byUser   map[string]nameListing
	maxUsers int
	maxNames int
	names    int
	// Counted since the plugin started on this node.
	evicted int64
	expired int64
}

// The listing cache's limits (NewHandler).
const (
	ListingsMaxUsers = 256
	ListingsMaxNames = 200_000
)

// NewListings keeps each user's listing for ttl, within the limits.
func NewListings(ttl time.Duration, maxUsers, maxNames int) *Listings {
	return &Listings{ttl: ttl, now: time.Now, byUser: map[string]nameListing{}, maxUsers: maxUsers, maxNames: maxNames}
}

// CacheStats is one cache's size, limits and what it dropped.
type CacheStats struct {
	Name string `json:"name"`
	// Entries and Items are the current size (Items: the unit of the second
	// limit, when there is one); the limits are 0 when there is none.
	Entries      int    `json:"entries"`
	LimitEntries int    `json:"limit_entries"`
	Items        int    `json:"items"`
	LimitItems   int    `json:"limit_items"`
	Evictions    int64  `json:"evictions"`
	Expired      int64  `json:"expired"`
	Note         string `json:"note,omitempty"`
}

func namesOf(apps []summary) []appName {
	names := make([]appName, len(apps))
	for i, a := range apps {
		names[i] = appName{a.Id, a.Name}
	}
	return names
}

func (l *Listings) remember(userID string, apps []summary) {
	names := namesOf(apps)
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for id, entry := range l.byUser {
		if now.Sub(entry.at) > l.ttl {
			l.drop(id)
			l.expired++
		}
	}
	l.drop(userID)
	if len(names) > l.maxNames {
		l.evicted++
		return
	}
	for len(l.byUser) >= l.maxUsers || l.names+len(names) > l.maxNames {
		l.drop(l.oldest())
		l.evicted++
	}
	l.byUser[userID] = nameListing{at: now, apps: names}
	l.names += len(names)
}

// drop removes a user's listing (if any) and its names from the count.
func (l *Listings) drop(userID string) {
	if entry, ok := l.byUser[userID]; ok {
		l.names -= len(entry.apps)
		delete(l.byUser, userID)
	}
}

// oldest is the user whose listing was kept first (ties by id, for tests).
func (l *Listings) oldest() string {
	first, at := "", time.Time{}
	for id, entry := range l.byUser {
		if first == "" || entry.at.Before(at) || (entry.at.Equal(at) && id < first) {
			first, at = id, entry.at
		}
	}
	return first
}

// fresh returns the user's listing when it is younger than the ttl.
func (l *Listings) fresh(userID string) ([]appName, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	entry, ok := l.byUser[userID]
	if !ok || l.now().Sub(entry.at) > l.ttl {
		return nil, false
	}
	return entry.apps, true
}

// forget drops a user's listing after they changed an app's name or deleted one.
func (l *Listings) forget(userID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.drop(userID)
}

// Stats are the cache's size, limits and drops (the diagnostics route).
func (l *Listings) Stats() CacheStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return CacheStats{
		Name: "listings", Entries: len(l.byUser), LimitEntries: l.maxUsers, Items: l.names, LimitItems: l.maxNames,
		Evictions: l.evicted, Expired: l.expired,
		Note: "each user's recent complete listing (ids and names), for name lookups and suggestions; entries are users, items are app names",
	}
}

// listingAnswer is the read model's listing, or the REST paging fallback's
// (webapp/src/store/listing.ts ListingAnswer).
type listingAnswer struct {
	total int
	apps  []summary
	// fromDatabase: the read model answered; staleAfterDays and usageOff are its.
	fromDatabase   bool
	staleAfterDays int
	usageOff       string
	// The fallback's: why the read model is off, whether the passes agreed, and
	// whether the query asked what only the read model knows (nothing listed).
	unavailable   string
	complete      bool
	needsDatabase bool
}

// needsDatabase: usage lives only in the database, an orphaned creator would
// need every creator's account read, and one app by id is asked for its usage.
func needsDatabase(q url.Values) bool {
	switch q.Get("sort") {
	case "users", "tokens", "sessions", "last_used":
		return true
	}
	return q.Has("id") || q.Has("usage") || q.Has("orphaned")
}

// readListing asks the read model, falling back to REST paging (every app,
// filtered and paged here, in name order) when the route cannot read the database.
func (c *call) readListing(q url.Values) (listingAnswer, *APIError) {
	return readListing(c.api, c.h.env.ListingURL(), q)
}

func readListing(api *REST, route string, q url.Values) (listingAnswer, *APIError) {
	listing, unavailable, err := api.AppListing(route, q)
	if err != nil {
		return listingAnswer{}, err
	}
	if listing != nil {
		apps := make([]summary, len(listing.Apps))
		for i := range listing.Apps {
			apps[i] = listedSummary(&listing.Apps[i])
		}
		return listingAnswer{total: int(listing.Total), apps: apps, fromDatabase: true, staleAfterDays: listing.StaleAfterDays, usageOff: listing.UsageOff}, nil
	}
	if needsDatabase(q) {
		return listingAnswer{unavailable: unavailable, complete: true, needsDatabase: true}, nil
	}
	all, complete, err := allApps(api)
	if err != nil {
		return listingAnswer{}, err
	}
	matching := []summary{}
	for _, a := range all {
		if s := summarize(a); fallbackMatch(q, s) {
			matching = append(matching, s)
		}
	}
	sortByName(matching, q.Get("direction") == "desc")
	apps := matching
	if q.Get("all") != "true" {
		page, _ := strconv.Atoi(q.Get("page"))
		perPage, _ := strconv.Atoi(q.Get("per_page"))
		apps = window(matching, page*perPage, (page+1)*perPage)
	}
	return listingAnswer{total: len(matching), apps: apps, unavailable: unavailable, complete: complete}, nil
}

// fallbackMatch is the console's local filter (webapp/src/store/query.ts
// matcher) for a listing query: the route's searched fields, creator
// usernames unknown here.
func fallbackMatch(q url.Values, app summary) bool {
	if id := q.Get("creator_id"); id != "" && app.CreatorId != id {
		return false
	}
	if t := q.Get("type"); t != "" && (t == "public") != (app.public == "yes") {
		return false
	}
	for name, value := range map[string]bool{"trusted": app.IsTrusted, "dcr": app.IsDynamicallyRegistered, "legacy": app.MattermostAppID != ""} {
		if want := q.Get(name); want != "" && (want == "true") != value {
			return false
		}
	}
	needle := strings.ToLower(strings.TrimSpace(q.Get("search")))
	if needle == "" {
		return true
	}
	hay := append([]string{app.Name, app.Description, app.Id, ""}, app.CallbackUrls...)
	return strings.Contains(strings.ToLower(strings.Join(hay, "\x00")), needle)
}

// sortByName is sortApps' name order (and the route's, COLLATE "C"):
// lower-cased names in code point order, then ids, both in the direction asked.
func sortByName(apps []summary, desc bool) {
	sort.SliceStable(apps, func(i, j int) bool {
		x, y := strings.ToLower(apps[i].Name), strings.ToLower(apps[j].Name)
		if x == y {
			x, y = apps[i].Id, apps[j].Id
		}
		return (x < y) != desc && x != y
	})
}
