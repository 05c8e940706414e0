// Package parity answers the questions both halves must answer alike (how a
// command parses, whether a URL is valid, how server text is escaped) as JSON
// lines, so a test in one language can ask the other and compare. `make fuzz`
// drives it from Go's native fuzzing and from fast-check in jest.
package parity

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"reflect"

	"github.com/mattermost/mattermost/server/public/model"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/command"
)

// Request is one question: Kind is "command", "url" or "render".
type Request struct {
	Kind  string `json:"kind"`
	Input string `json:"input"`
}

var grammar = command.Load()

// Answer is what the Go half says to r, in the JSON shape both sides use.
func Answer(r Request) any {
	switch r.Kind {
	case "command":
		parsed, perr := grammar.Parse(r.Input)
		if perr != nil {
			return map[string]any{"error": perr}
		}
		return map[string]any{"parsed": parsed}
	case "url":
		return map[string]any{"valid": model.IsValidHTTPURL(r.Input)}
	case "render":
		return map[string]any{
			"text":  command.MdText(r.Input),
			"code":  command.MdCode(r.Input),
			"cell":  command.MdCellCode(r.Input),
			"quote": command.QuoteInput(r.Input),
		}
	}
	return map[string]any{"unknownKind": r.Kind}
}

// Serve answers one JSON request per input line with one JSON line.
func Serve(in io.Reader, out io.Writer) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	for scanner.Scan() {
		var r Request
		if err := json.Unmarshal(scanner.Bytes(), &r); err != nil {
			return fmt.Errorf("bad request %q: %w", scanner.Text(), err)
		}
		if err := enc.Encode(Answer(r)); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// Peer is the other half's oracle, a process speaking the same JSON lines.
type Peer struct {
	in  io.WriteCloser
	out *bufio.Reader
	cmd *exec.Cmd
}

// StartPeer runs argv in dir.
func StartPeer(dir string, argv ...string) (*Peer, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &Peer{in: in, out: bufio.NewReaderSize(out, 1<<20), cmd: cmd}, nil
}

// Ask sends r and decodes the peer's answer.
func (p *Peer) Ask(r Request) (any, error) {
	line, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	if _, err := p.in.Write(append(line, '\n')); err != nil {
		return nil, fmt.Errorf("peer stopped: %w", err)
	}
	reply, err := p.out.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("peer stopped: %w", err)
	}
	var v any
	return v, json.Unmarshal(reply, &v)
}

// Normalize turns a Go answer into the generic form a decoded peer answer has.
func Normalize(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	return out, json.Unmarshal(data, &out)
}

// Same reports whether two normalized answers are equal.
func Same(a, b any) bool { return reflect.DeepEqual(a, b) }
