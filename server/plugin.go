package main

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/mattermost/mattermost/server/public/plugin"
	"github.com/mattermost/mattermost/server/public/pluginapi"
	"github.com/mattermost/mattermost/server/public/pluginapi/i18n"
	"github.com/pkg/errors"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// restTimeout bounds each command's calls to the server's own REST API.
const restTimeout = 15 * time.Second

// Plugin is the server half of OAuth Apps Manager.
type Plugin struct {
	plugin.MattermostPlugin

	client       *pluginapi.Client
	command      *command.Handler
	translations *i18n.Bundle
	apps         appsSource
	gov          *governance

	configurationLock sync.RWMutex
	configuration     *configuration
}

// OnActivate registers /oauth with its autocomplete.
func (p *Plugin) OnActivate() error {
	p.client = pluginapi.NewClient(p.API, p.Driver)
	p.initTranslations()
	p.command = command.NewHandler(command.Load(), p)
	p.startReadModel()
	if err := p.startGovernance(); err != nil {
		return err
	}
	if err := p.client.SlashCommand.Register(p.command.Definition(p.serverMessages(), p.routeURL(appsRoute))); err != nil {
		return errors.Wrap(err, "failed to register /oauth")
	}
	return nil
}

// OnDeactivate stops the change trail's schedule on this node.
//
//nolint:unparam // the signature is the plugin hook's.
func (p *Plugin) OnDeactivate() error {
	p.stopGovernance()
	return nil
}

// ExecuteCommand answers /oauth where the webapp hook does not run (mobile, REST).
// Failures are answered as ephemeral text, so no AppError is returned.
//
//nolint:unparam // the signature is the plugin hook's.
func (p *Plugin) ExecuteCommand(c *plugin.Context, args *model.CommandArgs) (*model.CommandResponse, *model.AppError) {
	sessionID := ""
	if c != nil {
		sessionID = c.SessionId
	}
	return p.command.Execute(sessionID, args), nil
}

// routeURL is a plugin route as the server's dynamic lists and dialogs name it.
func (p *Plugin) routeURL(path string) string {
	return "/plugins/" + manifestID + path
}

// Options implements command.Env.
func (p *Plugin) Options() command.Options {
	c := p.getConfiguration()
	return command.Options{RevealSecretsInChat: c.RevealSecretsInChat, DefaultPageSize: c.DefaultPageSize, SystemAdminsOnly: c.CommandAccess == accessSystemAdmins}
}

// IsSystemAdmin implements command.Env, for the "Who may use /oauth" setting only.
func (p *Plugin) IsSystemAdmin(userID string) bool {
	return p.API.HasPermissionTo(userID, model.PermissionManageSystem)
}

// SiteURL implements command.Env.
func (p *Plugin) SiteURL() string {
	return strings.TrimRight(model.SafeDereference(p.API.GetConfig().ServiceSettings.SiteURL), "/")
}

// DialogURL implements command.Env.
func (p *Plugin) DialogURL() string { return p.routeURL(command.DialogPath) }

// ListingURL implements command.Env.
func (p *Plugin) ListingURL() string { return p.routeURL(command.ListingPath) }

// OpenDialog implements command.Env.
func (p *Plugin) OpenDialog(request model.OpenDialogRequest) *command.APIError {
	if err := p.API.OpenInteractiveDialog(request); err != nil {
		return &command.APIError{Message: err.Message, Status: err.StatusCode}
	}
	return nil
}

// Caller implements command.Env: the REST API with the token of a session the
// server vouched for (a command's, a plugin request's). The token is never
// logged or kept.
func (p *Plugin) Caller(sessionID string) (*command.REST, *command.APIError) {
	if sessionID == "" {
		return nil, &command.APIError{Message: "no session came with the request", Status: http.StatusUnauthorized}
	}
	session, appErr := p.API.GetSession(sessionID)
	if appErr != nil && !p.databaseAnswers() {
		// The server says the same 400 for a session that is gone and one it
		// could not read: with the database down, "sign in again" is wrong.
		return nil, &command.APIError{Status: http.StatusServiceUnavailable, Step: true, Message: "the server could not check your session, because its database cannot be reached"}
	}
	if appErr != nil || session == nil || session.Token == "" || session.IsExpired() {
		return nil, &command.APIError{Message: "your session could not be found", Status: http.StatusUnauthorized}
	}
	base, transport := p.ownListener()
	return command.NewREST(base, session.Token, &http.Client{Timeout: restTimeout, Transport: transport}, restTimeout), nil
}

// databaseAnswers reads a key of the plugin's KV store (none is needed):
// false when the server cannot reach its database.
func (p *Plugin) databaseAnswers() bool {
	_, appErr := p.API.KVGet("database-probe")
	return appErr == nil
}

// ownListener is the server's own address, from ListenAddress and
// ConnectionSecurity (plus the Site URL's subpath): behind a proxy the server
// may not reach itself through its public Site URL. The setting "REST API
// address for the plugin's own calls" replaces it when set.
func (p *Plugin) ownListener() (string, http.RoundTripper) {
	if address := p.getConfiguration().RESTAPIAddress; address != "" {
		return address, directTransport()
	}
	s := p.API.GetConfig().ServiceSettings
	return listenerURL(model.SafeDereference(s.ListenAddress), model.SafeDereference(s.ConnectionSecurity), model.SafeDereference(s.SiteURL))
}

// directTransport is the default transport without the environment's proxy:
// the server's own API is never reached through an outbound proxy.
func directTransport() *http.Transport {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.Proxy = nil
	return transport
}

func listenerURL(listenAddress, connectionSecurity, siteURL string) (string, http.RoundTripper) {
	host, port, err := net.SplitHostPort(listenAddress)
	if err != nil {
		host, port = "", "8065"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
		if ip != nil && ip.To4() == nil {
			host = "::1"
		}
	}
	site, _ := url.Parse(siteURL)
	path := ""
	if site != nil {
		path = strings.TrimRight(site.Path, "/")
	}
	transport := directTransport()
	scheme := "http"
	if connectionSecurity == model.ConnSecurityTLS {
		scheme = "https"
		// The certificate names the public host, not the loopback address.
		if site != nil && site.Hostname() != "" {
			transport.TLSClientConfig = &tls.Config{ServerName: site.Hostname(), MinVersion: tls.VersionTLS12}
		}
	}
	return scheme + "://" + net.JoinHostPort(host, port) + path, transport
}
