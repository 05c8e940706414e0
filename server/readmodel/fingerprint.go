package readmodel

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// Fingerprinted is every app with a keyed hash of its secret: what the change
// trail compares between runs. The hash is SHA-256 over the key and the
// secret, computed by PostgreSQL, so the secret never leaves the database;
// with a random key kept apart from the hashes, a hash says whether the
// secret changed and nothing about its value. Empty for public clients.
type Fingerprinted struct {
	App        App
	SecretHash string
}

type fingerprintRow struct {
	row
	SecretHash string `json:"secret_hash"`
}

// fingerprintSQL lists every app (as the listing's rows, without usage) in id
// order, as one JSON array (one RPC row; see Build).
func fingerprintSQL() string {
	var cols strings.Builder
	for i, c := range appExpressions {
		if i > 0 {
			cols.WriteString(", ")
		}
		cols.WriteString(c.expr + " AS " + c.name)
	}
	return `SELECT COALESCE(json_agg(to_json(a) ORDER BY a.id COLLATE "C"), '[]') FROM (SELECT ` + cols.String() + `,
CASE WHEN COALESCE(o.ClientSecret, '') = '' THEN '' ELSE encode(sha256(convert_to($1 || o.ClientSecret, 'UTF8')), 'hex') END AS secret_hash
FROM OAuthApps o LEFT JOIN Users u ON u.Id = o.CreatorId) a`
}

// Fingerprints reads every app and its secret's keyed hash in one read-only
// statement. key must be non-empty.
func Fingerprints(ctx context.Context, db *sql.DB, key string) ([]Fingerprinted, error) {
	if key == "" {
		return nil, fmt.Errorf("no key for the secret hashes")
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err = tx.ExecContext(ctx, "SET LOCAL statement_timeout = '"+StatementTimeout+"'"); err != nil {
		return nil, err
	}
	var data []byte
	if err = tx.QueryRowContext(ctx, fingerprintSQL(), key).Scan(&data); err != nil {
		return nil, err
	}
	var rows []fingerprintRow
	if err = json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("the apps could not be read: %w", err)
	}
	out := make([]Fingerprinted, len(rows))
	for i, r := range rows {
		out[i] = Fingerprinted{App: appOf(r.row, Options{}), SecretHash: r.SecretHash}
	}
	return out, nil
}
