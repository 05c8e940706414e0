// Package importer turns an export document (docs/export-schema.json) into a
// plan against the apps a person can manage, and applies that plan through
// the REST API as that person, undoing what it did when a call fails. The
// route and its contract are server/import.go and docs/import.md.
package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/mattermost/mattermost/server/public/model"
)

// Schema is the one document version this import reads.
const Schema = "oauth-manager.export/v1"

// MaxRecords bounds one import: each record is a REST call or two, made in
// one request.
const MaxRecords = 2000

// Record is one app of the document, as the export writes it.
type Record struct {
	SourceID                string   `json:"source_id"`
	Name                    string   `json:"name"`
	Description             string   `json:"description"`
	Homepage                string   `json:"homepage"`
	IconURL                 string   `json:"icon_url"`
	CallbackURLs            []string `json:"callback_urls"`
	IsTrusted               bool     `json:"is_trusted"`
	IsPublic                bool     `json:"is_public"`
	IsDynamicallyRegistered bool     `json:"is_dynamically_registered"`
	CreatorUsername         string   `json:"creator_username"`
}

// Problem is what is wrong with the document: Position 0 is the document
// itself, 1 its first record; Field a property of that record (or schema/apps).
type Problem struct {
	Position int    `json:"position"`
	Field    string `json:"field"`
	Message  string `json:"message"`
}

// recordFields are the properties of a record, with the JSON type each needs;
// name, homepage and callback_urls are the ones a hand-written file must have.
var recordFields = map[string]string{
	"source_id": "a string", "name": "a string", "description": "a string", "homepage": "a string",
	"icon_url": "a string", "callback_urls": "a list of strings", "is_trusted": "true or false",
	"is_public": "true or false", "is_dynamically_registered": "true or false", "creator_username": "a string",
}

var requiredFields = []string{"name", "homepage", "callback_urls"}

// Decode reads the document's records, or says every way it is malformed: a
// record is decoded property by property, so a problem names its field.
func Decode(raw json.RawMessage) ([]Record, []Problem) {
	var doc map[string]json.RawMessage
	if err := strictUnmarshal(raw, &doc); err != nil || doc == nil {
		return nil, []Problem{{Field: "document", Message: "The file is not an export document: it must be a JSON object with \"schema\" and \"apps\" (export one from the console or GET .../api/v1/export)."}}
	}
	var schema string
	if err := json.Unmarshal(doc["schema"], &schema); err != nil || schema != Schema {
		shown := strings.TrimSpace(string(doc["schema"]))
		if shown == "" {
			shown = "nothing"
		}
		return nil, []Problem{{Field: "schema", Message: fmt.Sprintf("The document's schema is %s; this import reads %q only.", shown, Schema)}}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(doc["apps"], &items); err != nil || items == nil {
		return nil, []Problem{{Field: "apps", Message: "The document has no \"apps\" list."}}
	}
	if len(items) > MaxRecords {
		return nil, []Problem{{Field: "apps", Message: fmt.Sprintf("The document has %d apps; one import takes at most %d. Split the file.", len(items), MaxRecords)}}
	}
	records := make([]Record, len(items))
	var problems []Problem
	for i, item := range items {
		rec, recProblems := decodeRecord(i+1, item)
		records[i] = rec
		problems = append(problems, recProblems...)
	}
	return records, problems
}

func decodeRecord(position int, raw json.RawMessage) (Record, []Problem) {
	var props map[string]json.RawMessage
	if err := strictUnmarshal(raw, &props); err != nil || props == nil {
		return Record{}, []Problem{{Position: position, Field: "", Message: "This record is not a JSON object."}}
	}
	var problems []Problem
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, known := recordFields[name]; !known {
			problems = append(problems, Problem{Position: position, Field: name, Message: fmt.Sprintf("Unknown property %q: a record has only %s.", name, strings.Join(sortedKeys(recordFields), ", "))})
		}
	}
	for _, name := range requiredFields {
		if _, ok := props[name]; !ok {
			problems = append(problems, Problem{Position: position, Field: name, Message: fmt.Sprintf("The record has no %q.", name)})
		}
	}
	var rec Record
	for _, name := range names {
		want, known := recordFields[name]
		if !known {
			continue
		}
		// One property at a time, so a wrong type is reported against it.
		single, _ := json.Marshal(map[string]json.RawMessage{name: props[name]})
		if bytes.Equal(bytes.TrimSpace(props[name]), []byte("null")) || json.Unmarshal(single, &rec) != nil {
			problems = append(problems, Problem{Position: position, Field: name, Message: fmt.Sprintf("%q must be %s.", name, want)})
		}
	}
	if rec.CallbackURLs == nil {
		rec.CallbackURLs = []string{}
	}
	return rec, problems
}

func strictUnmarshal(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data")
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validSourceID: empty (a hand-written record) or a client id.
func validSourceID(id string) bool { return id == "" || model.IsValidId(id) }

// OfDocument reports whether problems are about the document itself, so no
// record can be judged.
func OfDocument(problems []Problem) bool {
	return len(problems) > 0 && problems[0].Position == 0
}

// Merge lists Decode's and Build's problems by position, leaving out what
// Build says of a record whose shape is already wrong (its zero values would
// only add noise).
func Merge(shape, built []Problem) []Problem {
	broken := map[int]bool{}
	for _, p := range shape {
		broken[p.Position] = true
	}
	out := append([]Problem{}, shape...)
	for _, p := range built {
		if !broken[p.Position] {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Position < out[j].Position })
	return out
}
