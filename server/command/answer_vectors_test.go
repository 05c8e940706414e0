package command

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattermost/mattermost/server/public/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/lint"
)

// restAnswer is one canned REST answer of a vector: a JSON body, a text body,
// or a network failure.
type restAnswer struct {
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	Status  int             `json:"status,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
	Text    *string         `json:"text,omitempty"`
	Network string          `json:"network,omitempty"`
}

type answerVector struct {
	Name    string `json:"name"`
	Command string `json:"command"`
	User    struct {
		ID          string `json:"id"`
		SystemAdmin bool   `json:"system_admin"`
	} `json:"user"`
	Settings struct {
		CommandAccess       string   `json:"command_access"`
		RevealSecretsInChat bool     `json:"reveal_secrets_in_chat"`
		DefaultPageSize     int      `json:"default_page_size"`
		DCRAllowlist        []string `json:"dcr_redirect_uri_allowlist,omitempty"`
		ServerVersion       string   `json:"server_version,omitempty"`
	} `json:"settings"`
	SiteURL string       `json:"site_url"`
	Rest    []restAnswer `json:"rest"`
	Answer  struct {
		Post       *string `json:"post"`
		InputError *string `json:"input_error"`
		Opened     bool    `json:"opened"`
	} `json:"answer"`
}

// requestKey compares paths with their query parameters in any order.
func requestKey(method, target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return method + " " + target
	}
	var params []string
	for k, vs := range u.Query() {
		for _, v := range vs {
			params = append(params, k+"="+v)
		}
	}
	sort.Strings(params)
	key := strings.ToUpper(method) + " " + u.Path
	if len(params) > 0 {
		key += "?" + strings.Join(params, "&")
	}
	return key
}

// cannedREST answers requests from a vector's list and records what was asked.
type cannedREST struct {
	mu         sync.Mutex
	answers    []restAnswer
	used       map[int]bool
	unexpected []string
	calls      []string
}

func (c *cannedREST) RoundTrip(r *http.Request) (*http.Response, error) {
	key := requestKey(r.Method, r.URL.String())
	c.mu.Lock()
	c.calls = append(c.calls, key)
	index := -1
	for i, a := range c.answers {
		if requestKey(a.Method, a.Path) == key {
			index = i
			break
		}
	}
	if index == -1 {
		c.unexpected = append(c.unexpected, key)
	} else {
		c.used[index] = true
	}
	c.mu.Unlock()
	if index == -1 {
		return respond(599, "application/json", `{"message":"unexpected request","status_code":599}`), nil
	}
	a := c.answers[index]
	switch {
	case a.Network != "":
		return nil, errors.New(a.Network)
	case a.Text != nil:
		return respond(a.status(), "text/plain", *a.Text), nil
	}
	return respond(a.status(), "application/json", string(a.Body)), nil
}

func (a restAnswer) status() int {
	if a.Status == 0 {
		return http.StatusOK
	}
	return a.Status
}

func respond(status int, contentType, body string) *http.Response {
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}}, Body: io.NopCloser(strings.NewReader(body))}
}

// vectorEnv is the plugin as a vector describes it.
type vectorEnv struct {
	v        *answerVector
	rest     *cannedREST
	dialogs  []model.OpenDialogRequest
	messages *Messages // English when nil
}

func (e *vectorEnv) Options() Options {
	return Options{RevealSecretsInChat: e.v.Settings.RevealSecretsInChat, DefaultPageSize: e.v.Settings.DefaultPageSize, SystemAdminsOnly: e.v.Settings.CommandAccess == "system_admins"}
}

func (e *vectorEnv) Caller(string) (*REST, *APIError) {
	return NewREST(e.v.SiteURL, "session-token", &http.Client{Transport: e.rest}, 5*time.Second), nil
}

func (e *vectorEnv) LintOptions() lint.Options {
	allowlist := e.v.Settings.DCRAllowlist
	if allowlist == nil {
		allowlist = []string{}
	}
	return lint.Options{Allowlist: allowlist, ServerVersion: e.v.Settings.ServerVersion}
}

func (e *vectorEnv) IsSystemAdmin(string) bool                     { return e.v.User.SystemAdmin }
func (e *vectorEnv) SiteURL() string                               { return e.v.SiteURL }
func (e *vectorEnv) DialogURL() string                             { return "/plugins/oauth-manager" + DialogPath }
func (e *vectorEnv) PlanPrune(string, *int) (PrunePlan, *APIError) { return PrunePlan{}, nil }
func (e *vectorEnv) ConfirmPrune(*REST, string, string, int) (PruneResult, *APIError) {
	return PruneResult{}, nil
}
func (e *vectorEnv) SecretAges(string) (SecretAges, *APIError) { return SecretAges{Pending: true}, nil }
func (e *vectorEnv) RecordChange(string, string, string)       {}
func (e *vectorEnv) ListingURL() string                        { return "/plugins/oauth-manager" + ListingPath }
func (e *vectorEnv) Messages(string) *Messages {
	if e.messages == nil {
		return English()
	}
	return e.messages
}

func (e *vectorEnv) OpenDialog(r model.OpenDialogRequest) *APIError {
	e.dialogs = append(e.dialogs, r)
	return nil
}

// TestAnswerVectors: for the same server state, the Go half answers with the
// web half's bytes (webapp/src/slash/answer_vectors.test.ts runs the same
// file) and makes the same REST calls.
func TestAnswerVectors(t *testing.T) {
	var vectors []answerVector
	readJSON(t, "answer_vectors.json", &vectors)
	require.NotEmpty(t, vectors)
	for i := range vectors {
		v := &vectors[i]
		t.Run(v.Name, func(t *testing.T) {
			env := &vectorEnv{v: v, rest: &cannedREST{answers: v.Rest, used: map[int]bool{}}}
			got := NewHandler(Load(), env).Answer("session", &model.CommandArgs{UserId: v.User.ID, Command: v.Command, TriggerId: "trigger"})
			switch {
			case v.Answer.Post != nil:
				assert.Equal(t, *v.Answer.Post, got)
			case v.Answer.InputError != nil:
				assert.Equal(t, MdText(*v.Answer.InputError), got, "an input error is posted as escaped text")
			case v.Answer.Opened:
				assert.Empty(t, got)
				assert.Len(t, env.dialogs, 1, "a dialog opens")
			default:
				t.Fatal("the vector has no answer")
			}
			assert.Empty(t, env.rest.unexpected, "requests the vector does not answer")
			for j, a := range v.Rest {
				assert.True(t, env.rest.used[j], "never requested: %s %s", a.Method, a.Path)
			}
		})
	}
}
