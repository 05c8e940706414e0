package parity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// The TypeScript oracle, started once per fuzzing worker when PARITY_PEER
// names it (`make fuzz` does). Without it the targets only run the Go half
// over the seeds, which still catches panics.
var (
	peerOnce sync.Once
	peer     *Peer
	peerErr  error
)

func tsPeer(t *testing.T) *Peer {
	argv := strings.Fields(os.Getenv("PARITY_PEER"))
	if len(argv) == 0 {
		return nil
	}
	peerOnce.Do(func() { peer, peerErr = StartPeer(os.Getenv("PARITY_DIR"), argv...) })
	if peerErr != nil {
		t.Fatalf("starting the TypeScript oracle %v: %v", argv, peerErr)
	}
	return peer
}

// compare fails when the two halves answer r differently.
func compare(t *testing.T, kind, input string) {
	// Mattermost hands commands over as JSON, always valid UTF-8.
	if !utf8.ValidString(input) {
		return
	}
	r := Request{Kind: kind, Input: input}
	ours, err := Normalize(Answer(r))
	if err != nil {
		t.Fatal(err)
	}
	p := tsPeer(t)
	if p == nil {
		return
	}
	theirs, err := p.Ask(r)
	if err != nil {
		t.Fatal(err)
	}
	if !Same(ours, theirs) {
		goJSON, _ := json.Marshal(ours)
		tsJSON, _ := json.Marshal(theirs)
		t.Fatalf("%s %q:\n  Go: %s\n  TS: %s", kind, input, goJSON, tsJSON)
	}
}

func seeds(f *testing.F, name string, pick func(raw json.RawMessage) string) {
	data, err := os.ReadFile(filepath.Join("..", "..", "command", "testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		f.Fatal(err)
	}
	for _, raw := range items {
		f.Add(pick(raw))
	}
}

func inputField(raw json.RawMessage) string {
	var v struct {
		Input string `json:"input"`
	}
	_ = json.Unmarshal(raw, &v)
	return v.Input
}

func plainString(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// urlSeeds are the cases the halves once disagreed on, and their neighbours.
var urlSeeds = []string{
	"https://example.com/cb", "http://127.0.0.1:8080/cb?x=1#f", "http://[1.2.3.4]:80/",
	"http://[fe80::1%25eth0]/", "https://a%80b.example/", "http://[::ffff:1.2.3.4]/",
	"http://u:p@h:1/p%20q", "http://a:b:c/", "http://[::1]:x/", "https://%zz/", "http://h/%",
}

func FuzzCommand(f *testing.F) {
	seeds(f, "vectors.json", inputField)
	for _, u := range urlSeeds {
		f.Add("/oauth create --name a --homepage " + u + " --callback " + u)
	}
	f.Fuzz(func(t *testing.T, input string) { compare(t, "command", input) })
}

func FuzzURL(f *testing.F) {
	for _, u := range urlSeeds {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, input string) { compare(t, "url", input) })
}

func FuzzRender(f *testing.F) {
	seeds(f, "hostile.json", plainString)
	f.Fuzz(func(t *testing.T, input string) { compare(t, "render", input) })
}
