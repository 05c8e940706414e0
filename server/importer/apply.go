package importer

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// API is the REST API as the importer (command.REST).
type API interface {
	OAuthApp(id string) (*model.OAuthApp, *command.APIError)
	CreateOAuthApp(app *model.OAuthAppRequest) (*model.OAuthApp, *command.APIError)
	UpdateOAuthApp(app *model.OAuthApp) (*model.OAuthApp, *command.APIError)
	DeleteOAuthApp(id string) *command.APIError
	Register(request *command.RegistrationRequest) (*model.ClientRegistrationResponse, *command.APIError)
}

// Applied is one record's outcome.
type Applied struct {
	Position     int    `json:"position"`
	SourceID     string `json:"source_id"`
	Name         string `json:"name"`
	Action       string `json:"action"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret,omitempty"`
}

// Result is the apply's answer.
type Result struct {
	Digest string            `json:"plan"`
	Counts map[string]int    `json:"counts"`
	Apps   []Applied         `json:"apps"`
	IDMap  map[string]string `json:"id_map"`
}

// Left is an app an import that failed could not put back.
type Left struct {
	Position int    `json:"position"`
	Name     string `json:"name"`
	ClientID string `json:"client_id"`
	State    string `json:"state"` // created, updated
}

// Failure is an apply that stopped at a REST call.
type Failure struct {
	Status   int    `json:"-"`
	Message  string `json:"message"`
	Position int    `json:"position"`
	Undone   bool   `json:"undone"`
	State    []Left `json:"state"`
}

// Recorder notes each change made through REST (for the change trail):
// create, edit or delete of an app id.
type Recorder func(action, appID string)

// done is a change made, and how to take it back.
type done struct {
	position int
	name     string
	created  string
	before   *model.OAuthApp // an updated app as it was
}

// Apply makes the plan's changes in order. When a call fails it undoes the
// earlier ones in reverse order and says what, if anything, it left.
func Apply(api API, plan Plan, record Recorder) (Result, *Failure) {
	result := Result{Digest: plan.Digest, Counts: plan.Counts, Apps: make([]Applied, 0, len(plan.Apps)), IDMap: map[string]string{}}
	var made []done
	for _, item := range plan.Apps {
		out := Applied{Position: item.Position, SourceID: item.SourceID, Name: item.Name, Action: item.Action, ClientID: item.TargetID}
		var err *command.APIError
		var step done
		switch item.Action {
		case ActionCreate:
			out.ClientID, out.ClientSecret, err = create(api, item, record)
			step = done{position: item.Position, name: item.Name, created: out.ClientID}
		case ActionUpdate:
			step, err = update(api, item, record)
		}
		if step.created != "" || step.before != nil {
			made = append(made, step)
		}
		if err != nil {
			return Result{}, fail(api, item, err, made, record)
		}
		if item.SourceID != "" {
			result.IDMap[item.SourceID] = out.ClientID
		}
		result.Apps = append(result.Apps, out)
	}
	return result, nil
}

func create(api API, item Item, record Recorder) (id, secret string, err *command.APIError) {
	rec := item.record
	if item.Via == ViaREST {
		app, err := api.CreateOAuthApp(&model.OAuthAppRequest{
			Name: rec.Name, Description: rec.Description, IconURL: rec.IconURL, CallbackUrls: rec.CallbackURLs,
			Homepage: rec.Homepage, IsTrusted: rec.IsTrusted, IsPublic: rec.IsPublic,
		})
		if err != nil {
			return "", "", err
		}
		record("create", app.Id)
		return app.Id, app.ClientSecret, nil
	}
	request := &command.RegistrationRequest{ClientName: rec.Name, RedirectURIs: rec.CallbackURLs, ClientURI: rec.Homepage, TokenEndpointAuthMethod: model.ClientAuthMethodClientSecretPost}
	if rec.IsPublic {
		request.TokenEndpointAuthMethod = model.ClientAuthMethodNone
	}
	registered, err := register(api, request)
	if err != nil {
		return "", "", err
	}
	record("create", registered.ClientID)
	secret = model.SafeDereference(registered.ClientSecret)
	if rec.Description == "" && rec.IconURL == "" && !rec.IsTrusted {
		return registered.ClientID, secret, nil
	}
	// Registration takes only the name, callbacks and homepage: the rest is an update.
	app, err := api.OAuthApp(registered.ClientID)
	if err == nil {
		app.Description, app.IconURL, app.IsTrusted = rec.Description, rec.IconURL, rec.IsTrusted
		_, err = api.UpdateOAuthApp(app)
	}
	if err != nil {
		return registered.ClientID, "", err
	}
	record("edit", registered.ClientID)
	return registered.ClientID, secret, nil
}

// register retries while the server's rate limit of the public endpoint
// (2 a second) refuses, for at most about ten seconds.
func register(api API, request *command.RegistrationRequest) (*model.ClientRegistrationResponse, *command.APIError) {
	for attempt := 0; ; attempt++ {
		registered, err := api.Register(request)
		if err == nil || err.Status != http.StatusTooManyRequests || attempt == 20 {
			return registered, err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func update(api API, item Item, record Recorder) (done, *command.APIError) {
	before, err := api.OAuthApp(item.TargetID)
	if err != nil {
		return done{}, err
	}
	if before.UpdateAt != item.targetAt {
		return done{}, &command.APIError{Status: http.StatusConflict, Message: "the app changed after the dry run"}
	}
	next := *before
	rec := item.record
	next.Name, next.Description, next.Homepage, next.IconURL = rec.Name, rec.Description, rec.Homepage, rec.IconURL
	next.CallbackUrls = slices.Clone(rec.CallbackURLs)
	next.IsTrusted = rec.IsTrusted
	if _, err := api.UpdateOAuthApp(&next); err != nil {
		return done{}, err
	}
	record("edit", item.TargetID)
	return done{position: item.Position, name: item.Name, before: before}, nil
}

// fail undoes made, newest first, and describes the outcome.
func fail(api API, item Item, cause *command.APIError, made []done, record Recorder) *Failure {
	f := &Failure{Status: cause.Status, Position: item.Position, Undone: true, State: []Left{}}
	if f.Status == 0 {
		f.Status = http.StatusBadGateway
	}
	for i := len(made) - 1; i >= 0; i-- {
		step := made[i]
		if step.created != "" {
			if err := api.DeleteOAuthApp(step.created); err != nil {
				f.State = append(f.State, Left{Position: step.position, Name: step.name, ClientID: step.created, State: "created"})
				continue
			}
			record("delete", step.created)
			continue
		}
		if _, err := api.UpdateOAuthApp(step.before); err != nil {
			f.State = append(f.State, Left{Position: step.position, Name: step.name, ClientID: step.before.Id, State: "updated"})
			continue
		}
		record("edit", step.before.Id)
	}
	slices.Reverse(f.State)
	f.Undone = len(f.State) == 0
	verb := map[string]string{ActionCreate: "created", ActionUpdate: "updated"}[item.Action]
	f.Message = fmt.Sprintf("Record %d (%s) could not be %s: %s.", item.Position, item.Name, verb, strings.TrimRight(cause.Message, "."))
	switch {
	case len(made) == 0:
		f.Message += " Nothing was imported."
	case f.Undone:
		f.Message += fmt.Sprintf(" Nothing was imported: the %s before it %s undone.", plural(len(made), "change", "changes"), wasWere(len(made)))
	default:
		f.Message += fmt.Sprintf(" Undoing the earlier changes failed for %s, left as listed; the others were undone.", plural(len(f.State), "app", "apps"))
	}
	return f
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}
