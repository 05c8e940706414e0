package command

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// REST is the server's own REST API, called as the user who typed the command
// (their session token on model.Client4). Every permission decision is the REST
// handler's, and its writes land in the server's audit log as that user's. One
// REST lives for one command; the token never leaves it.
type REST struct {
	client  *model.Client4
	ctx     context.Context
	cancel  context.CancelFunc
	timeout time.Duration
}

// NewREST returns a client for baseURL (the server's own listener) acting with
// token, whose calls together end after timeout. Close it when done.
func NewREST(baseURL, token string, httpClient *http.Client, timeout time.Duration) *REST {
	c := model.NewAPIv4Client(baseURL)
	c.HTTPClient = httpClient
	c.SetToken(token)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	return &REST{client: c, ctx: ctx, cancel: cancel, timeout: timeout}
}

// Close ends the client's calls and drops its connections; the token goes with it.
func (r *REST) Close() {
	r.cancel()
	r.client.HTTPClient.CloseIdleConnections()
	r.client.AuthToken = ""
}

// APIError is a failed call in the terms the answers use (webapp/src/store/errors.ts ApiError).
type APIError struct {
	Message string
	Status  int
	ID      string
	// Kind is "network" (no HTTP answer), "refused" and "timeout" (no HTTP
	// answer, for those reasons; the Go half only), "unreadable" (an answer
	// that could not be read) or "".
	Kind string
	// Step marks a failure the plugin words itself: one step of a change made
	// in several (quarantine, release), where Message gives what failed and the
	// state the app is left in, or a session the server could not check.
	// Message is said whole and not as the server's words.
	Step bool
}

func (e *APIError) Error() string { return e.Message }

// unreadableMessage is what the webapp's Client4 says of a body it cannot parse.
const unreadableMessage = "Received invalid response from the server."

// failure turns a Client4 error into an APIError, as the webapp's Client4 and
// toApiError do: the status comes from Mattermost's JSON error body.
func (r *REST) failure(resp *model.Response, err error) *APIError {
	if err == nil {
		return nil
	}
	var appErr *model.AppError
	if errors.As(err, &appErr) {
		if appErr.StatusCode == 0 {
			return &APIError{Message: orUnknown(appErr.Message), Kind: "unreadable"}
		}
		return &APIError{Message: orUnknown(appErr.Message), Status: appErr.StatusCode, ID: appErr.Id}
	}
	if resp == nil {
		return r.noAnswer(err)
	}
	if resp.StatusCode >= 300 {
		// An error page that is not Mattermost's JSON (a proxy's, say): the web
		// app's Client4 finds no message in it either.
		return &APIError{Message: "Unknown error", Kind: "unreadable"}
	}
	return &APIError{Message: unreadableMessage, Kind: "unreadable"}
}

func orUnknown(s string) string {
	if s == "" {
		return "Unknown error"
	}
	return s
}

// noAnswer is a call that got no HTTP answer, in plain words: the Go error's
// text names our own listener and the socket calls, which mean nothing to
// the person who typed the command. A refused connection and a timeout are
// told apart (Describe says what to do about each); any other cause keeps its
// last words, without the request line.
func (r *REST) noAnswer(err error) *APIError {
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return &APIError{Message: "connection refused", Kind: "refused"}
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		return &APIError{Message: "no answer within " + seconds(r.timeout), Kind: "timeout"}
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return &APIError{Message: "the connection was closed before an answer came", Kind: "network"}
	}
	return &APIError{Message: networkMessage(err), Kind: "network"}
}

func seconds(d time.Duration) string {
	n := int(d.Round(time.Second) / time.Second)
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// networkMessage keeps the cause without the request line (which names our own listener).
func networkMessage(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return err.Error()
}

// OAuthAppPage is GET /api/v4/oauth/apps.
func (r *REST) OAuthAppPage(page, perPage int) ([]*model.OAuthApp, *APIError) {
	apps, resp, err := r.client.GetOAuthApps(r.ctx, page, perPage)
	return apps, r.failure(resp, err)
}

// OAuthApp is GET /api/v4/oauth/apps/{id}, secret included.
func (r *REST) OAuthApp(id string) (*model.OAuthApp, *APIError) {
	app, resp, err := r.client.GetOAuthApp(r.ctx, id)
	return app, r.failure(resp, err)
}

// OAuthAppInfo is GET /api/v4/oauth/apps/{id}/info: open to every signed-in user, secret blanked.
func (r *REST) OAuthAppInfo(id string) (*model.OAuthApp, *APIError) {
	app, resp, err := r.client.GetOAuthAppInfo(r.ctx, id)
	return app, r.failure(resp, err)
}

// CreateOAuthApp is POST /api/v4/oauth/apps. Client4's own call has no is_public.
func (r *REST) CreateOAuthApp(app *model.OAuthAppRequest) (*model.OAuthApp, *APIError) {
	resp, err := r.client.DoAPIPostJSON(r.ctx, "/oauth/apps", app)
	if err != nil {
		return nil, r.failure(model.BuildResponse(resp), err)
	}
	defer func() { _ = resp.Body.Close() }()
	created, built, err := model.DecodeJSONFromResponse[*model.OAuthApp](resp)
	return created, r.failure(built, err)
}

// UpdateOAuthApp is PUT /api/v4/oauth/apps/{id}: the whole app is replaced.
func (r *REST) UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *APIError) {
	updated, resp, err := r.client.UpdateOAuthApp(r.ctx, app)
	return updated, r.failure(resp, err)
}

// DeleteOAuthApp is DELETE /api/v4/oauth/apps/{id}.
func (r *REST) DeleteOAuthApp(id string) *APIError {
	resp, err := r.client.DeleteOAuthApp(r.ctx, id)
	return r.failure(resp, err)
}

// RegenerateSecret is POST /api/v4/oauth/apps/{id}/regen_secret.
func (r *REST) RegenerateSecret(id string) (*model.OAuthApp, *APIError) {
	app, resp, err := r.client.RegenerateOAuthAppSecret(r.ctx, id)
	return app, r.failure(resp, err)
}

// AuthorizedPage is GET /api/v4/users/{id}/oauth/apps/authorized.
func (r *REST) AuthorizedPage(userID string, page, perPage int) ([]*model.OAuthApp, *APIError) {
	apps, resp, err := r.client.GetAuthorizedOAuthAppsForUser(r.ctx, userID, page, perPage)
	return apps, r.failure(resp, err)
}

// Deauthorize is POST /oauth/deauthorize, for the caller's own account.
func (r *REST) Deauthorize(clientID string) *APIError {
	resp, err := r.client.DeauthorizeOAuthApp(r.ctx, clientID)
	return r.failure(resp, err)
}

// Me is GET /api/v4/users/me.
func (r *REST) Me() (*model.User, *APIError) {
	u, resp, err := r.client.GetMe(r.ctx, "")
	return u, r.failure(resp, err)
}

// UserByUsername is GET /api/v4/users/username/{username}.
func (r *REST) UserByUsername(username string) (*model.User, *APIError) {
	u, resp, err := r.client.GetUserByUsername(r.ctx, username, "")
	return u, r.failure(resp, err)
}

// UsersByIDs is POST /api/v4/users/ids: only the users the caller may see.
func (r *REST) UsersByIDs(ids []string) ([]*model.User, *APIError) {
	users, resp, err := r.client.GetUsersByIds(r.ctx, ids)
	return users, r.failure(resp, err)
}

// RolesByNames is POST /api/v4/roles/names.
func (r *REST) RolesByNames(names []string) ([]*model.Role, *APIError) {
	roles, resp, err := r.client.GetRolesByNames(r.ctx, names)
	return roles, r.failure(resp, err)
}

// Metadata is GET /.well-known/oauth-authorization-server (RFC 8414), with the
// document's fields in the server's order (the answer lists them as sent).
func (r *REST) Metadata() ([]Field, *APIError) {
	body, apiErr := r.standard(http.MethodGet, r.client.URL+"/.well-known/oauth-authorization-server", nil)
	if apiErr != nil {
		return nil, apiErr
	}
	fields, err := orderedFields(body)
	if err != nil {
		return nil, &APIError{Message: unreadableMessage, Kind: "unreadable"}
	}
	return fields, nil
}

// RegistrationRequest is RFC 7591's request as the webapp sends it.
type RegistrationRequest struct {
	ClientName              string   `json:"client_name"`
	RedirectURIs            []string `json:"redirect_uris"`
	ClientURI               string   `json:"client_uri,omitempty"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method,omitempty"`
}

// Register is POST /api/v4/oauth/apps/register (RFC 7591).
func (r *REST) Register(request *RegistrationRequest) (*model.ClientRegistrationResponse, *APIError) {
	data, err := json.Marshal(request)
	if err != nil {
		return nil, &APIError{Message: err.Error(), Kind: "internal"}
	}
	body, apiErr := r.standard(http.MethodPost, r.client.APIURL+"/oauth/apps/register", data)
	if apiErr != nil {
		return nil, apiErr
	}
	var response model.ClientRegistrationResponse
	if err := json.Unmarshal(body, &response); err != nil {
		return nil, &APIError{Message: unreadableMessage, Kind: "unreadable"}
	}
	return &response, nil
}

// ListingPath is the read model's listing route, under the plugin's path
// (server/api_apps.go documents it).
const ListingPath = "/api/v1/apps"

// Listing is the route's answer.
type Listing struct {
	Total          int64           `json:"total"`
	Apps           []readmodel.App `json:"apps"`
	StaleAfterDays int             `json:"stale_after_days"`
	UsageOff       string          `json:"usage_off"`
}

// AppListing is GET <route>?query as the user. When the route cannot read the
// database it answers 503 {unavailable}: then unavailable says why and the
// caller pages the REST API instead.
func (r *REST) AppListing(route string, query url.Values) (listing *Listing, unavailable string, failed *APIError) {
	status, body, apiErr := r.send(http.MethodGet, r.client.URL+route+"?"+query.Encode(), nil)
	if apiErr != nil {
		return nil, "", apiErr
	}
	if status == http.StatusServiceUnavailable {
		var off struct {
			Unavailable *string `json:"unavailable"`
		}
		if json.Unmarshal(body, &off) == nil && off.Unavailable != nil {
			return nil, *off.Unavailable, nil
		}
	}
	if apiErr := statusError(status, body); apiErr != nil {
		return nil, "", apiErr
	}
	listing = &Listing{}
	if err := json.Unmarshal(body, listing); err != nil || listing.Apps == nil {
		return nil, "", &APIError{Message: unreadableMessage, Kind: "unreadable"}
	}
	return listing, "", nil
}

// standard calls an endpoint that answers errors in other shapes than
// Mattermost's (an HTML 501 page, RFC 7591's {"error": ...}): the status comes
// from the response, the message as the webapp's fetchStandard builds it.
func (r *REST) standard(method, target string, body []byte) ([]byte, *APIError) {
	status, data, apiErr := r.send(method, target, body)
	if apiErr != nil {
		return nil, apiErr
	}
	if apiErr := statusError(status, data); apiErr != nil {
		return nil, apiErr
	}
	return data, nil
}

// send makes a request with the user's token; only a missing answer is an error.
func (r *REST) send(method, target string, body []byte) (int, []byte, *APIError) {
	req, err := http.NewRequestWithContext(r.ctx, method, target, bytes.NewReader(body))
	if err != nil {
		return 0, nil, &APIError{Message: err.Error(), Kind: "internal"}
	}
	req.Header.Set(model.HeaderAuth, model.HeaderBearer+" "+r.client.AuthToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := r.client.HTTPClient.Do(req)
	if err != nil {
		return 0, nil, r.noAnswer(err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, r.noAnswer(err)
	}
	return resp.StatusCode, data, nil
}

// statusError is a non-2xx answer in the webapp's fetchStandard terms.
func statusError(status int, data []byte) *APIError {
	if status >= 200 && status < 300 {
		return nil
	}
	var e struct {
		Message          string `json:"message"`
		ID               string `json:"id"`
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	_ = json.Unmarshal(data, &e)
	message := e.Message
	if message == "" {
		message = strings.Join(nonEmpty(e.Error, e.ErrorDescription), ": ")
	}
	if message == "" {
		message = "HTTP " + strconv.Itoa(status)
	}
	id := e.ID
	if id == "" {
		id = e.Error
	}
	return &APIError{Message: message, Status: status, ID: id}
}

func nonEmpty(s ...string) []string {
	out := []string{}
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// Field is one key of a JSON object with its value as the answer prints it:
// lists joined with ", ", everything else as JavaScript's String() would.
type Field struct {
	Key, Value string
}

func orderedFields(body []byte) ([]Field, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	fields := []Field{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var value any
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		fields = append(fields, Field{Key: key, Value: jsString(value)})
	}
	return fields, nil
}

// jsString is String(v) in JavaScript for JSON values, except that a
// top-level list is joined with ", " (as the answer prints lists).
func jsString(v any) string { return jsValue(v, ", ", false) }

// jsValue is String(v); inside Array.join (nested) null becomes "" and lists
// are joined with ",".
func jsValue(v any, sep string, nested bool) string {
	switch x := v.(type) {
	case nil:
		if nested {
			return ""
		}
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return string(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = jsValue(e, ",", true)
		}
		return strings.Join(parts, sep)
	default:
		return "[object Object]"
	}
}
