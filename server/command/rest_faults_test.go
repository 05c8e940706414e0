package command

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Go half's calls to the server's own REST API when that API fails: each
// failure is said in plain words (no Go error text, no socket calls, no
// address), with what to do; the server's own message is kept when it sent one.

const faultAppID = "11111111111111111111111111"

func restAt(t *testing.T, base string, timeout time.Duration) *REST {
	t.Helper()
	r := NewREST(base, "token", &http.Client{Timeout: timeout}, timeout)
	t.Cleanup(r.Close)
	return r
}

// goErrorText is what must never reach a person: Go's and the socket layer's words.
func assertPlain(t *testing.T, answer string) {
	t.Helper()
	for _, word := range []string{"dial tcp", "127.0.0.1", "connect:", "context deadline", "Client.Timeout", "net/http", "read tcp", "EOF", "Get \"", "goroutine"} {
		assert.NotContains(t, answer, word)
	}
}

func TestAClosedPortIsARefusedConnection(t *testing.T) {
	// A port nothing listens on: take one, then free it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + l.Addr().String()
	require.NoError(t, l.Close())

	r := restAt(t, base, 5*time.Second)
	_, apiErr := r.OAuthApp(faultAppID)
	require.NotNil(t, apiErr)
	assert.Equal(t, &APIError{Message: "connection refused", Kind: "refused"}, apiErr)

	// The same through the plain-HTTP path (metadata, listing, registration).
	_, apiErr = r.Metadata()
	assert.Equal(t, &APIError{Message: "connection refused", Kind: "refused"}, apiErr)

	answer := Describe(English(), apiErr, "show the app")
	assert.Equal(t, "Could not show the app: the plugin could not connect to this server's REST API (connection refused). "+
		"Try again in a moment; if it keeps happening, a system admin can check that Mattermost is running and the plugin's setting "+
		"System Console > Plugins > OAuth Apps Manager > REST API address for the plugin's own calls.", answer)
	assertPlain(t, answer)
}

func TestAServerThatNeverAnswersIsATimeout(t *testing.T) {
	release := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer server.Close()
	defer close(release)

	r := restAt(t, server.URL, time.Second)
	start := time.Now()
	_, apiErr := r.OAuthApp(faultAppID)
	assert.Less(t, time.Since(start), 5*time.Second, "the call ends at the timeout")
	assert.Equal(t, &APIError{Message: "no answer within 1 second", Kind: "timeout"}, apiErr)

	answer := Describe(English(), apiErr, "edit the app")
	assert.Equal(t, "Could not edit the app: this server's REST API did not answer in time (no answer within 1 second), so the plugin stopped waiting. "+
		"If you were changing something, look at the app before you try again: the server may have made the change. "+
		"If it keeps happening, a system admin can look for the cause in the server log.", answer)
	assertPlain(t, answer)
}

func TestTheTimeoutIsNamedInSeconds(t *testing.T) {
	assert.Equal(t, "15 seconds", seconds(15*time.Second))
	assert.Equal(t, "1 second", seconds(time.Second))
}

func TestAConnectionClosedBeforeTheAnswerIsSaidPlainly(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	defer server.Close()

	r := restAt(t, server.URL, 5*time.Second)
	_, apiErr := r.OAuthApp(faultAppID)
	assert.Equal(t, &APIError{Message: "the connection was closed before an answer came", Kind: "network"}, apiErr)
	answer := Describe(English(), apiErr, "show the app")
	assert.Contains(t, answer, "the Mattermost server could not be reached (the connection was closed before an answer came)")
	assertPlain(t, answer)
}

func TestA500KeepsTheServersOwnMessage(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"id":"app.oauth.get_app.find.app_error","message":"Unable to find the OAuth app.","detailed_error":"pq: the database system is shutting down","request_id":"x","status_code":500}`))
	}))
	defer server.Close()

	r := restAt(t, server.URL, 5*time.Second)
	_, apiErr := r.OAuthApp(faultAppID)
	assert.Equal(t, &APIError{Message: "Unable to find the OAuth app.", Status: 500, ID: "app.oauth.get_app.find.app_error"}, apiErr)
	_, apiErr = r.Metadata()
	assert.Equal(t, &APIError{Message: "Unable to find the OAuth app.", Status: 500, ID: "app.oauth.get_app.find.app_error"}, apiErr)

	answer := Describe(English(), apiErr, "show the app")
	assert.True(t, strings.HasPrefix(answer, "Could not show the app: "), answer)
	assert.Contains(t, answer, `The server said: "Unable to find the OAuth app\."`)
	assert.NotContains(t, answer, "pq:", "the detailed error is the log's, not the answer's")
}

// A multi-step change keeps the failed call's kind: the answer says the state
// the app is in, whole and as the plugin's own words, and what to do.
func TestAStepThatGotNoAnswerSaysSoAndTheState(t *testing.T) {
	failed := stepFailed(&APIError{Message: "connection refused", Kind: "refused"}, "the secret could not be regenerated (connection refused). Its callbacks and trust were restored: nothing is changed")
	answer := Describe(English(), failed, "quarantine the app")
	assert.Equal(t, `Could not quarantine the app: the secret could not be regenerated \(connection refused\)\. Its callbacks and trust were restored&#58; nothing is changed. `+
		"The plugin could not connect to this server's REST API: a system admin can check that Mattermost is running and the plugin's setting "+
		"System Console > Plugins > OAuth Apps Manager > REST API address for the plugin's own calls.", answer)
}

func TestAStepsStateIsNeverCut(t *testing.T) {
	state := "the secret could not be regenerated (Unable to regenerate.). Its callbacks are still replaced by " + InertCallback + " and it is not trusted, but its old secret still works, and restoring its callbacks failed too (Unable to update.). " +
		"Run the quarantine again, or restore the callbacks by hand: " + strings.Repeat("https://a.example/cb, ", 20) + "https://z.example/last"
	answer := Describe(English(), stepFailed(&APIError{Message: "Unable to regenerate.", Status: 500}, state), "quarantine the app")
	assert.Contains(t, answer, `https&#58;//z\.example/last.`)
	assert.NotContains(t, answer, "The server said", "the state is the plugin's account, not the server's")
	assert.True(t, strings.HasSuffix(answer, "The server failed on its side: try again in a moment; if it keeps failing, a system admin can find the cause in the server log."), answer)
}
