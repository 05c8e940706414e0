// Package lint finds problems in an OAuth app's redirect URIs (its callback
// URLs) before Mattermost or a client trips over them. It is pure: no I/O, no
// plugin API. webapp/src/lint/redirect_uri.ts is the same library for the web
// half; testdata/vectors.json holds both to the same findings, byte for byte.
package lint

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Code names a finding; codes are stable (messages and callers key on them).
type Code string

// The codes, in the order a URI's findings are listed.
const (
	// The server refuses the URI (model.IsValidHTTPURL).
	CodeInvalidURL Code = "invalid_url"
	// A "*": Mattermost matches callbacks literally, so it is no wildcard.
	CodeWildcard Code = "wildcard"
	// http:// on a host that is not loopback: the code crosses the network in clear.
	CodeHTTPPublicHost Code = "http_public_host"
	// A "#": RFC 6749 forbids a fragment in a redirect URI.
	CodeFragment Code = "fragment"
	// A query string: sent back exactly, and refused by the per-component DCR allowlist unless an entry has "?".
	CodeQueryString Code = "query_string"
	// localhost where RFC 8252 recommends the loopback address.
	CodeLocalhostVsIP Code = "localhost_vs_ip"
	// The same as an earlier URI but for case, a trailing slash, a default port or a trailing dot (or exactly).
	CodeNearDuplicate Code = "near_duplicate"
	// The server's DCR allowlist would refuse the URI.
	CodeDCRAllowlistRejects Code = "dcr_allowlist_rejects"
)

// Severity is "error" (the server refuses it, or the flow is broken or unsafe)
// or "warning" (it works, but is likely a mistake).
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

var severities = map[Code]Severity{
	CodeInvalidURL:          SeverityError,
	CodeWildcard:            SeverityError,
	CodeHTTPPublicHost:      SeverityError,
	CodeFragment:            SeverityError,
	CodeQueryString:         SeverityWarning,
	CodeLocalhostVsIP:       SeverityWarning,
	CodeNearDuplicate:       SeverityWarning,
	CodeDCRAllowlistRejects: SeverityError,
}

// The reasons of a near_duplicate finding, in the order they are listed.
const (
	ReasonExact         = "exact"
	ReasonCase          = "case"
	ReasonTrailingSlash = "trailing_slash"
	ReasonDefaultPort   = "default_port"
	ReasonTrailingDot   = "trailing_dot"
)

// Finding is one problem of one URI. Args by code:
//   - http_public_host: host (as typed, IPv6 in brackets)
//   - localhost_vs_ip: ip_uri (the URI with 127.0.0.1 for localhost)
//   - near_duplicate: other (the earlier URI's index), other_number (other+1),
//     reason (one of the Reason constants; one finding per reason)
//   - dcr_allowlist_rejects: matcher ("glob" or "per_component"), because
//     ("query" when the URI without its query string would pass, else "no_match")
//
// The others have none.
type Finding struct {
	URI      string         `json:"uri"`
	Index    int            `json:"index"`
	Code     Code           `json:"code"`
	Severity Severity       `json:"severity"`
	Args     map[string]any `json:"args"`
}

// Options are what the lint needs from the server: its DCR allowlist
// (ServiceSettings.DCRRedirectURIAllowlist, as configured) and its version.
type Options struct {
	Allowlist     []string `json:"allowlist"`
	ServerVersion string   `json:"serverVersion"`
}

// Lint returns the findings for uris, by index and then in the order of the
// codes above. An invalid URI gets invalid_url (and wildcard) only.
func Lint(uris []string, opts Options) []Finding {
	findings := []Finding{}
	matcher := AllowlistMatcher(opts.ServerVersion)
	parts := make([]*uriParts, len(uris))
	for i, uri := range uris {
		if model.IsValidHTTPURL(uri) {
			p := splitURI(uri)
			parts[i] = &p
		}
	}
	for i, uri := range uris {
		add := func(code Code, args map[string]any) {
			if args == nil {
				args = map[string]any{}
			}
			findings = append(findings, Finding{URI: uri, Index: i, Code: code, Severity: severities[code], Args: args})
		}
		p := parts[i]
		if p == nil {
			add(CodeInvalidURL, nil)
			if strings.Contains(uri, "*") {
				add(CodeWildcard, nil)
			}
			continue
		}
		u, err := url.ParseRequestURI(uri)
		if err != nil { // model.IsValidHTTPURL parsed it already
			continue
		}
		if strings.Contains(uri, "*") {
			add(CodeWildcard, nil)
		}
		if u.Scheme == "http" && !isLoopback(u.Hostname()) {
			add(CodeHTTPPublicHost, map[string]any{"host": p.hostname})
		}
		if strings.Contains(uri, "#") {
			add(CodeFragment, nil)
		}
		if u.RawQuery != "" {
			add(CodeQueryString, nil)
		}
		if isLocalhost(p.hostname) {
			if ip := p.withHost("127.0.0.1"); !contains(uris, ip) {
				add(CodeLocalhostVsIP, map[string]any{"ip_uri": ip})
			}
		}
		for j := 0; j < i; j++ {
			if parts[j] == nil {
				continue
			}
			reasons := nearDuplicate(parts[j], p)
			for _, r := range reasons {
				add(CodeNearDuplicate, map[string]any{"other": j, "other_number": j + 1, "reason": r})
			}
			if len(reasons) > 0 {
				break
			}
		}
		if matcher != MatcherNone && !acceptsWith(matcher, uri, opts.Allowlist) {
			because := "no_match"
			if base, _, hasQuery := strings.Cut(uri, "?"); hasQuery && acceptsWith(matcher, base, opts.Allowlist) {
				because = "query"
			}
			add(CodeDCRAllowlistRejects, map[string]any{"matcher": string(matcher), "because": because})
		}
	}
	return findings
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// asciiLower lowers A to Z only, as the web half does.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// isLoopback: a loopback address (127.0.0.0/8, ::1, ::ffff:127.x.x.x, any
// zone), localhost or a name under .localhost (RFC 6761), with or without one
// trailing dot. host is url.URL.Hostname(): escapes decoded, no brackets.
func isLoopback(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if addr, err := netip.ParseAddr(host); err == nil {
		return addr.IsLoopback()
	}
	host = asciiLower(host)
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// isLocalhost: the name localhost itself, any case, one trailing dot or none.
func isLocalhost(hostname string) bool {
	return strings.TrimSuffix(asciiLower(hostname), ".") == "localhost"
}

// uriParts is a valid http(s) URL cut into its text as typed: uri =
// scheme "://" userinfo hostname port path tail, where userinfo ends with "@"
// (or is empty), port is ":" and digits (or empty), and tail is everything
// from the first "?" or "#".
type uriParts struct {
	raw, scheme, userinfo, hostname, port, path, tail string
}

func splitURI(uri string) uriParts {
	p := uriParts{raw: uri}
	var rest string
	p.scheme, rest, _ = strings.Cut(uri, "://")
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest, p.tail = rest[:i], rest[i:]
	}
	authority := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, p.path = rest[:i], rest[i:]
	}
	at := strings.LastIndexByte(authority, '@')
	p.userinfo, p.hostname = authority[:at+1], authority[at+1:]
	if strings.HasPrefix(p.hostname, "[") {
		if i := strings.LastIndexByte(p.hostname, ']'); i >= 0 {
			p.hostname, p.port = p.hostname[:i+1], p.hostname[i+1:]
		}
	} else if i := strings.IndexByte(p.hostname, ':'); i >= 0 {
		p.hostname, p.port = p.hostname[:i], p.hostname[i:]
	}
	return p
}

func (p *uriParts) withHost(host string) string {
	return p.scheme + "://" + p.userinfo + host + p.port + p.path + p.tail
}

// normalized is p with every near-duplicate normalization applied but skip.
func (p *uriParts) normalized(skip string) [6]string {
	n := [6]string{p.scheme, p.userinfo, p.hostname, p.port, p.path, p.tail}
	if skip != ReasonCase {
		for _, i := range []int{1, 2, 4, 5} {
			n[i] = asciiLower(n[i])
		}
	}
	if skip != ReasonTrailingSlash {
		n[4] = strings.TrimRight(n[4], "/")
	}
	if skip != ReasonDefaultPort {
		defaultPort := map[string]string{"http": "80", "https": "443"}[p.scheme]
		if n[3] == ":" || strings.TrimLeft(strings.TrimPrefix(n[3], ":"), "0") == defaultPort {
			n[3] = ""
		}
	}
	if skip != ReasonTrailingDot && len(n[2]) > 1 && !strings.HasPrefix(n[2], "[") {
		n[2] = strings.TrimSuffix(n[2], ".")
	}
	return n
}

// nearDuplicate gives why b is a near duplicate of a: "exact", or each
// normalization without which the two would differ; none when they are not.
func nearDuplicate(a, b *uriParts) []string {
	if a.raw == b.raw {
		return []string{ReasonExact}
	}
	if a.normalized("") != b.normalized("") {
		return nil
	}
	var reasons []string
	for _, r := range []string{ReasonCase, ReasonTrailingSlash, ReasonDefaultPort, ReasonTrailingDot} {
		if a.normalized(r) != b.normalized(r) {
			reasons = append(reasons, r)
		}
	}
	return reasons
}
