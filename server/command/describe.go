package command

import (
	"fmt"
	"strconv"
)

const (
	providerSetting = "System Console > Integrations > Integration Management > Enable OAuth 2.0 Service Provider"
	dcrSetting      = "System Console > Integrations > Integration Management > Enable Dynamic Client Registration"
	siteURLSetting  = "System Console > Environment > Web Server > Site URL"
	mask            = "••••••••"

	issuerMatchesText = "matches the address you reached this server at"
	deleteConsequence = "The app and every token issued to it are removed at once: its users are signed out of it and the integration stops working. This cannot be undone."
	regenConsequence  = "The current secret stops working at once: the integration fails until it is given the new one."
	secretWarning     = "Copy it now and store it safely: it is shown here to you only, in this message that disappears on reload. Anyone with it can act as the app."
)

var issuerDiffers = "OAuth clients check the issuer, so set " + siteURLSetting + " to the public URL (or reach the server at that URL)."

// Describe is webapp/src/store/messages.ts describeError for chat: what
// failed, why in plain words and what to do, with the server's own message
// escaped and capped at 300 characters.
func Describe(err *APIError, action string) string {
	message := MdText(capRunes(err.Message, 300))
	server := ""
	if err.Message != "" {
		server = ` The server said: "` + message + `"`
	}
	switch err.Kind {
	case "internal":
		return fmt.Sprintf("Could not %s: OAuth Apps Manager hit an unexpected error (%s). This is a defect in the plugin, not a problem with your request or the server: reload the page and try again, and report it if it happens again.", action, message)
	case "unreadable":
		return fmt.Sprintf("Could not %s: the server's answer could not be read (%s). Try again; if it keeps happening, check any proxy in front of Mattermost.", action, message)
	case "network":
		return fmt.Sprintf("Could not %s: the Mattermost server could not be reached (%s). Check the connection and try again.", action, message)
	}
	switch err.Status {
	case 0:
		return fmt.Sprintf("Could not %s: the Mattermost server could not be reached (%s). Check the connection and try again.", action, message)
	case 400:
		return "Could not " + action + ": the server refused the request as invalid." + server
	case 401:
		return "Could not " + action + ": your session has expired. Sign in again and retry." + server
	case 403:
		return "Could not " + action + ": you lack the permission for it. Managing your own apps needs `manage_oauth`; other people's apps need `manage_system_wide_oauth` (System Console > User Management > System Roles, or Permissions)." + server
	case 404:
		return "Could not " + action + ": there is no such OAuth app, or it is not one you may see." + server
	case 429:
		return "Could not " + action + ": too many requests; the server limits this call. Wait a moment and try again." + server
	case 501:
		return "Could not " + action + ": the OAuth 2.0 service provider is turned off on this server. An admin can turn it on in " + providerSetting + "." + server
	default:
		return "Could not " + action + ": the server answered " + strconv.Itoa(err.Status) + "." + server
	}
}

func capRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
