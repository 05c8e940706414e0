package command

import (
	"net/url"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/lint"
)

// lint [APP] and the redirect-URI check of create, edit and register
// (webapp/src/slash/verbs/lint.ts).

// findingMessageID is the message of a finding (webapp/src/lint/messages.ts findingMessage).
func findingMessageID(f lint.Finding) string {
	switch f.Code {
	case lint.CodeNearDuplicate:
		switch f.Args["reason"] {
		case lint.ReasonCase, lint.ReasonTrailingSlash, lint.ReasonDefaultPort, lint.ReasonTrailingDot:
			return "oauth-manager.lint.near_duplicate." + f.Args["reason"].(string)
		}
		return "oauth-manager.lint.near_duplicate.exact"
	case lint.CodeDCRAllowlistRejects:
		if f.Args["because"] == "query" {
			return "oauth-manager.lint.dcr_allowlist_rejects.query"
		}
		return "oauth-manager.lint.dcr_allowlist_rejects"
	case lint.CodeInvalidURL, lint.CodeWildcard, lint.CodeHTTPPublicHost, lint.CodeFragment, lint.CodeQueryString, lint.CodeLocalhostVsIP:
		return "oauth-manager.lint." + string(f.Code)
	}
	return "oauth-manager.lint.invalid_url"
}

// findingLines are one line per finding: severity, the URI as a code span, the message.
func findingLines(m *Messages, findings []lint.Finding) []string {
	lines := make([]string, len(findings))
	for i, f := range findings {
		args := Args{}
		for k, v := range f.Args {
			if s, ok := v.(string); ok {
				args[k] = MdText(s)
			} else {
				args[k] = v
			}
		}
		lines[i] = m.Format("oauth-manager.chat.lint.finding", Args{
			"severity": m.T("oauth-manager.chat.lint.severity." + string(f.Severity)),
			"uri":      MdCode(f.URI),
			"message":  m.Format(findingMessageID(f), args),
		})
	}
	return lines
}

// redirectCheck is the block create, edit and register answers end with when
// the lint finds anything in the app's callback URLs; "" when it finds nothing.
func (c *call) redirectCheck(uris []string) string {
	findings := lint.Lint(uris, c.h.env.LintOptions())
	if len(findings) == 0 {
		return ""
	}
	return "\n\n" + strings.Join(append([]string{c.m.T("oauth-manager.chat.lint.check_title")}, findingLines(c.m, findings)...), "\n")
}

func lintVerb(c *call) result {
	var apps []*model.OAuthApp
	var notes []string
	if ref := c.p.Args["app"]; ref != "" {
		app, failed := c.resolveApp(ref, c.m.T("oauth-manager.action.lint_apps"))
		if failed != "" {
			return post(failed)
		}
		apps = []*model.OAuthApp{app}
	} else {
		answer, err := c.readListing(url.Values{"all": {"true"}})
		if err != nil {
			return post(Describe(c.m, err, c.m.T("oauth-manager.action.lint_apps")))
		}
		if !answer.fromDatabase && !answer.complete {
			notes = append(notes, c.m.T("oauth-manager.chat.list.incomplete"))
		}
		for _, s := range answer.apps {
			apps = append(apps, s.OAuthApp)
		}
	}
	opts := c.h.env.LintOptions()
	var blocks []string
	errors, warnings, withFindings := 0, 0, 0
	for _, app := range apps {
		findings := lint.Lint(app.CallbackUrls, opts)
		if len(findings) == 0 {
			continue
		}
		withFindings++
		for _, f := range findings {
			if f.Severity == lint.SeverityError {
				errors++
			} else {
				warnings++
			}
		}
		heading := c.m.Format("oauth-manager.chat.lint.app", Args{"name": MdText(app.Name), "id": MdCode(app.Id)})
		blocks = append(blocks, strings.Join(append([]string{heading}, findingLines(c.m, findings)...), "\n"))
	}
	var lines []string
	if withFindings == 0 {
		lines = []string{c.m.Format("oauth-manager.chat.lint.clean", Args{"count": len(apps)})}
	} else {
		lines = []string{c.m.Format("oauth-manager.chat.lint.summary", Args{"errors": errors, "warnings": warnings, "apps": withFindings, "total": len(apps)})}
		for _, b := range blocks {
			lines = append(lines, "", b)
		}
	}
	if len(notes) > 0 {
		lines = append(append(lines, ""), notes...)
	}
	return post(strings.Join(lines, "\n"))
}
