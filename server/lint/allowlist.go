package lint

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// The DCR redirect-URI allowlist (ServiceSettings.DCRRedirectURIAllowlist),
// matched as the running server matches it. Mattermost has had two matchers;
// both live in server/public/model/oauth_dcr.go of mattermost/mattermost, and
// webapp/src/lint/allowlist.ts implements the same rules.
//
// Where the list is applied (both matchers): POST /api/v4/oauth/apps/register
// refuses a redirect URI that is not model.IsValidHTTPURL
// (ClientRegistrationRequest.IsValid) and one the allowlist refuses (400
// invalid_redirect_uri). An empty list allows every URI; otherwise each entry is trimmed
// (strings.TrimSpace), blank entries are skipped, and the URI must match at
// least one entry (RedirectURIMatchesAllowlist). Config validation
// (IsValidDCRRedirectURIPattern) only lets a server save entries that start
// with http:// or https://, hold no control character and no "***", and are
// a valid http(s) URL once each "**" and "*" is replaced by "1".
//
// 1. Whole-string glob (MM-67605, mattermost/mattermost#35291, cherry-picked to
//    release-11.5 as #35394; the 11.5 and 11.6 branches, 11.7.0 to 11.7.7,
//    11.8.0 to 11.8.4 and 11.9.0). Read in a stored copy of oauth_dcr.go from
//    before #37170 (no commit pinned; its doc comment: "* matches any chars
//    except /, ** matches any chars including /, full-string anchored").
//    RedirectURIMatchesGlob(uri, pattern) matches the raw URI string
//    against the raw pattern, anchored at both ends, byte by byte: "**"
//    matches any run of bytes, "*" any run without "/", every other byte
//    itself (case-sensitive, no parsing, no normalization). Nothing stops a
//    wildcard from crossing into another part of the URL: with
//    https://*.example.com/** the URI https://evil.test?.example.com/ is
//    allowed, its host being evil.test (CVE-2026-12985).
//
// 2. Per URL component (MM-69392, mattermost/mattermost#37170; 11.9.1, 11.8.5,
//    11.7.8, 11.10 and later, 12.x; read in server/public v0.4.4, which is
//    11.11). RedirectURIMatchesGlob(uri, pattern):
//    - the URI is parsed with url.ParseRequestURI (an error, an empty scheme
//      or an empty host: no match); the scheme Go gives is lower-cased;
//    - the pattern must pass IsValidDCRRedirectURIPattern (see above), or it
//      matches nothing;
//    - the pattern is split by hand: the scheme before "://", the host up to
//      the first "/" or "?", the path from that "/" up to the first "?", the
//      query after it (a "?" right after the host starts the query);
//    - the schemes must be equal; the pattern's host is globbed against the
//      URI's Host (with its port, percent-escapes decoded), its path against
//      EscapedPath(), with "*" and "**" as above but inside that one part;
//    - a pattern without a query (nothing after "?") allows only URIs whose
//      RawQuery is empty; a pattern with one globs it against RawQuery.
//    The versions are those of the CVE record CVE-2026-12985 (affected: 11.9.0,
//    11.8.0 to 11.8.4, 11.7.0 to 11.7.7; unaffected: 11.10.0, 11.9.1, 11.8.5,
//    11.7.8). 11.5 and 11.6 are out of support and not in that record: they
//    are taken to keep the glob. Servers before 11.5 have no allowlist.

// Matcher names the allowlist matcher a server version runs.
type Matcher string

// The matchers, as they appear in findings' args.
const (
	MatcherNone         Matcher = "none" // no allowlist on this server (before 11.5, or an unknown version)
	MatcherGlob         Matcher = "glob"
	MatcherPerComponent Matcher = "per_component"
)

// parseVersion reads "11.9.1", "v11.9.1", "11.9" (patch 0) and versions
// followed by ".", "-" or "+" and anything (build numbers, pre-releases).
// Each number has 1 to 9 digits.
func parseVersion(v string) (major, minor, patch int, ok bool) {
	v = strings.TrimPrefix(v, "v")
	var nums [3]int
	for i := 0; i < 3; i++ {
		n := 0
		for n < len(v) && v[n] >= '0' && v[n] <= '9' {
			n++
		}
		if n == 0 || n > 9 {
			return 0, 0, 0, false
		}
		nums[i], _ = strconv.Atoi(v[:n])
		v = v[n:]
		if v == "" {
			return nums[0], nums[1], nums[2], i >= 1
		}
		if i < 2 && v[0] == '.' {
			v = v[1:]
			continue
		}
		// After the minor or the patch number: a build or pre-release suffix.
		if i >= 1 && (v[0] == '.' || v[0] == '-' || v[0] == '+') {
			return nums[0], nums[1], nums[2], true
		}
		return 0, 0, 0, false
	}
	return 0, 0, 0, false
}

// AllowlistMatcher is the matcher a server of that version runs.
func AllowlistMatcher(serverVersion string) Matcher {
	major, minor, patch, ok := parseVersion(serverVersion)
	switch {
	case !ok || major < 11 || (major == 11 && minor < 5):
		return MatcherNone
	case major > 11 || minor >= 10:
		return MatcherPerComponent
	case minor == 7 && patch >= 8, minor == 8 && patch >= 5, minor == 9 && patch >= 1:
		return MatcherPerComponent
	default:
		return MatcherGlob
	}
}

// MatchAllowlist tells whether one allowlist entry, taken as it is (not
// trimmed), admits uri on a server of that version. On a server without an
// allowlist no entry matches anything.
func MatchAllowlist(uri, pattern, serverVersion string) bool {
	return matchWith(AllowlistMatcher(serverVersion), uri, pattern)
}

// AllowlistAccepts tells whether the server's allowlist lets DCR register uri
// (the allowlist step only: uri is assumed to be a valid http(s) URL). A server
// without an allowlist, or with an empty one, accepts every URI.
func AllowlistAccepts(uri string, allowlist []string, serverVersion string) bool {
	m := AllowlistMatcher(serverVersion)
	return m == MatcherNone || acceptsWith(m, uri, allowlist)
}

func acceptsWith(m Matcher, uri string, allowlist []string) bool {
	if len(allowlist) == 0 {
		return true
	}
	for _, p := range allowlist {
		if p = strings.TrimSpace(p); p != "" && matchWith(m, uri, p) {
			return true
		}
	}
	return false
}

func matchWith(m Matcher, uri, pattern string) bool {
	switch m {
	case MatcherGlob:
		return glob(uri, pattern)
	case MatcherPerComponent:
		return matchComponents(uri, pattern)
	default:
		return false
	}
}

// glob matches s against pattern, anchored, over bytes. The pattern is read
// left to right: "**" is one token (any bytes), a "*" not followed by another
// is one token (any bytes but "/"), anything else a literal byte; "***" is
// "**" then "*". reach[i] says whether the tokens so far can consume s[:i].
func glob(s, pattern string) bool {
	reach := make([]bool, len(s)+1)
	next := make([]bool, len(s)+1)
	reach[0] = true
	for p := 0; p < len(pattern); {
		switch {
		case pattern[p] == '*' && p+1 < len(pattern) && pattern[p+1] == '*':
			on := false
			for i := range reach {
				on = on || reach[i]
				next[i] = on
			}
			p += 2
		case pattern[p] == '*':
			on := false
			for i := range reach {
				on = on || reach[i]
				next[i] = on
				if i < len(s) && s[i] == '/' {
					on = false
				}
			}
			p++
		default:
			next[0] = false
			for i := 1; i <= len(s); i++ {
				next[i] = reach[i-1] && s[i-1] == pattern[p]
			}
			p++
		}
		reach, next = next, reach
	}
	return reach[len(s)]
}

// validPattern is what the server accepts as an allowlist entry.
func validPattern(pattern string) bool {
	if !strings.HasPrefix(pattern, "https://") && !strings.HasPrefix(pattern, "http://") {
		return false
	}
	for i := 0; i < len(pattern); i++ {
		if pattern[i] < 0x20 || pattern[i] == 0x7f {
			return false
		}
	}
	if strings.Contains(pattern, "***") {
		return false
	}
	filled := strings.ReplaceAll(strings.ReplaceAll(pattern, "**", "1"), "*", "1")
	return model.IsValidHTTPURL(filled)
}

// patternParts splits an allowlist entry the way the per-component matcher
// does: by hand, not by a URL parser.
type patternParts struct {
	scheme, host, path, query string
}

func splitPattern(pattern string) (patternParts, bool) {
	scheme, rest, found := strings.Cut(pattern, "://")
	if !found {
		return patternParts{}, false
	}
	end := len(rest)
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		end = i
	}
	if end == 0 {
		return patternParts{}, false
	}
	parts := patternParts{scheme: scheme, host: rest[:end]}
	switch tail := rest[end:]; {
	case strings.HasPrefix(tail, "/"):
		parts.path, parts.query, _ = strings.Cut(tail, "?")
	case strings.HasPrefix(tail, "?"):
		parts.query = tail[1:]
	}
	return parts, true
}

func matchComponents(uri, pattern string) bool {
	u, err := url.ParseRequestURI(uri)
	if err != nil || u.Scheme == "" || u.Host == "" || !validPattern(pattern) {
		return false
	}
	p, ok := splitPattern(pattern)
	if !ok || u.Scheme != p.scheme || !glob(u.Host, p.host) || !glob(u.EscapedPath(), p.path) {
		return false
	}
	if p.query == "" {
		return u.RawQuery == ""
	}
	return u.RawQuery != "" && glob(u.RawQuery, p.query)
}
