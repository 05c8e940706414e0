package readmodel

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Status is the self-check's verdict: empty reasons mean the feature is on.
type Status struct {
	Listing string `json:"listing_off,omitempty"` // why the read model is off (then clients page the REST API)
	Usage   string `json:"usage_off,omitempty"`   // why the usage figures are off while the listing works

	unreachable bool // the database did not answer: worth checking again later
}

// Unreachable says the check failed for want of a database, not for its schema.
func (s Status) Unreachable() bool { return s.unreachable }

// OK says the listing works (usage may still be off).
func (s Status) OK() bool { return s.Listing == "" }

// Unavailable is a Status with the whole read model off.
func Unavailable(reason string) Status { return Status{Listing: reason, Usage: reason} }

// SelfCheck reads information_schema for the columns in schema.go and
// compares their types with the pinned server's. Read-only and bounded.
func SelfCheck(ctx context.Context, db *sql.DB) Status {
	found, err := readColumns(ctx, db)
	if err != nil {
		s := Unavailable("the database could not be read (" + plainDBError(err) + ")")
		s.unreachable = true
		return s
	}
	s := Status{Listing: compareColumns(found, listingColumns)}
	if s.Listing != "" {
		s.Usage = s.Listing
	} else {
		s.Usage = compareColumns(found, usageColumns)
	}
	return s
}

func readColumns(ctx context.Context, db *sql.DB) (map[string]string, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err = tx.ExecContext(ctx, "SET LOCAL statement_timeout = '10s'"); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name IN ('oauthapps', 'users', 'preferences', 'oauthaccessdata', 'sessions')`)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	found := map[string]string{}
	for rows.Next() {
		var table, name, dataType string
		if err = rows.Scan(&table, &name, &dataType); err != nil {
			return nil, err
		}
		found[table+"."+name] = dataType
	}
	return found, rows.Err()
}

// compareColumns names every column that is missing or of another type, or
// returns "" when all match.
func compareColumns(found map[string]string, want []column) string {
	var problems []string
	for _, c := range want {
		key := c.table + "." + c.name
		got, ok := found[key]
		switch {
		case !ok:
			problems = append(problems, key+" is missing")
		case got != c.dataType:
			problems = append(problems, fmt.Sprintf("%s is %s, expected %s", key, got, c.dataType))
		}
	}
	if len(problems) == 0 {
		return ""
	}
	sort.Strings(problems)
	return "this server's database differs from the one the plugin was built for: " + strings.Join(problems, "; ")
}

// plainDBError shortens a driver error to words: no SQL, no connection string.
func plainDBError(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "statement timeout"), strings.Contains(msg, "canceling statement"):
		return "the database did not answer in time"
	case strings.Contains(msg, "context deadline exceeded"):
		return "the database did not answer in time"
	case strings.Contains(msg, "no db driver"):
		return "the plugin has no database connection"
	default:
		return "the database refused the query"
	}
}

// PlainError is plainDBError for callers outside the package.
func PlainError(err error) string { return plainDBError(err) }
