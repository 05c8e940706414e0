package command

const mask = "••••••••"

// Describe is webapp/src/store/messages.ts describeError for chat: what
// failed, why in plain words and what to do, with the server's own message
// escaped and capped at 300 characters. action is in the reader's language.
func Describe(m *Messages, err *APIError, action string) string {
	if err.Step {
		// The plugin's own words on what failed and the state the app is in:
		// never cut, and not attributed to the server.
		return m.Format("oauth-manager.error.step", Args{"action": action, "message": MdText(err.Message), "advice": stepAdvice(m, err)})
	}
	message := MdText(capRunes(err.Message, 300))
	serverSaid := ""
	if err.Message != "" {
		serverSaid = " " + m.Format("oauth-manager.error.server_said", Args{"message": message})
	}
	args := Args{"action": action, "message": message, "serverSaid": serverSaid}
	switch err.Kind {
	case "internal":
		return m.Format("oauth-manager.error.internal", args)
	case "unreadable":
		return m.Format("oauth-manager.error.unreadable", args)
	case "network":
		return m.Format("oauth-manager.error.network", args)
	case "refused":
		args["setting"] = m.T("oauth-manager.setting.rest_api_address")
		return m.Format("oauth-manager.error.own_api_refused", args)
	case "timeout":
		return m.Format("oauth-manager.error.own_api_timeout", args)
	}
	switch err.Status {
	case 0:
		return m.Format("oauth-manager.error.network", args)
	case 400:
		return m.Format("oauth-manager.error.invalid", args)
	case 401:
		return m.Format("oauth-manager.error.expired", args)
	case 403:
		return m.Format("oauth-manager.error.forbidden", args)
	case 404:
		return m.Format("oauth-manager.error.not_found", args)
	case 429:
		return m.Format("oauth-manager.error.too_many", args)
	case 501:
		args["setting"] = m.T("oauth-manager.setting.provider")
		return m.Format("oauth-manager.error.provider_off", args)
	default:
		args["status"] = err.Status
		return m.Format("oauth-manager.error.status", args)
	}
}

// stepAdvice is what to do about a failed step, by its kind ("" when the
// state the message gives is all there is to say).
func stepAdvice(m *Messages, err *APIError) string {
	switch {
	case err.Kind == "refused":
		return " " + m.Format("oauth-manager.error.step.refused", Args{"setting": m.T("oauth-manager.setting.rest_api_address")})
	case err.Kind == "timeout":
		return " " + m.T("oauth-manager.error.step.timeout")
	case err.Kind == "network" || err.Status >= 500:
		return " " + m.T("oauth-manager.error.step.retry")
	}
	return ""
}

// issuerDiffers is webapp/src/store/messages.ts issuerDiffers.
func issuerDiffers(m *Messages) string {
	return m.Format("oauth-manager.issuer.differs", Args{"setting": m.T("oauth-manager.setting.site_url")})
}

func capRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
