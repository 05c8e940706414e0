package readmodel

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// StatementTimeout bounds each listing statement on the database side (the
// plugin RPC driver does not pass a context's deadline to the server's pool).
const StatementTimeout = "20s"

// Page is one listing answer.
type Page struct {
	Total int64
	Apps  []App
}

// ErrTooMany refuses a full listing larger than MaxAll.
var ErrTooMany = fmt.Errorf("there are more than %d matching apps, too many for one listing; ask for pages instead", MaxAll)

// List runs a statement's page and count in one read-only, repeatable-read
// transaction, so the page and its total come from the same snapshot. It
// never writes.
func List(ctx context.Context, db *sql.DB, st Statement, all bool, opts Options) (Page, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return Page{}, err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err = tx.ExecContext(ctx, "SET LOCAL statement_timeout = '"+StatementTimeout+"'"); err != nil {
		return Page{}, err
	}
	var data []byte
	if err = tx.QueryRowContext(ctx, st.Page, st.Args...).Scan(&data); err != nil {
		return Page{}, err
	}
	var rows []row
	if err = json.Unmarshal(data, &rows); err != nil {
		return Page{}, fmt.Errorf("the listing could not be read: %w", err)
	}
	page := Page{Apps: make([]App, len(rows))}
	for i, r := range rows {
		page.Apps[i] = appOf(r, opts)
	}
	if all && len(page.Apps) > MaxAll {
		return Page{}, ErrTooMany
	}
	if err = tx.QueryRowContext(ctx, st.Count, st.CountArgs...).Scan(&page.Total); err != nil {
		return Page{}, err
	}
	return page, nil
}
