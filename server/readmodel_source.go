package main

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/oauth-manager/mattermost-plugin-oauth-manager/server/readmodel"
)

// appsSource is where the listing route reads apps: the database, or a fake in tests.
type appsSource interface {
	// Status is the self-check's verdict, checking first when needed.
	Status() readmodel.Status
	List(ctx context.Context, st readmodel.Statement, all bool, opts readmodel.Options) (readmodel.Page, error)
	// Fingerprints reads every app with its secret's keyed hash (the change trail).
	Fingerprints(ctx context.Context, key string) ([]readmodel.Fingerprinted, error)
}

// recheckAfter retries a self-check that failed because the database could
// not be reached; a schema mismatch stays until the plugin restarts.
const recheckAfter = time.Minute

// dbSource reads the server's database through the plugin RPC driver (the
// replica when one is configured). It keeps nothing but the verdict, so every
// node of a cluster answers from the same database.
type dbSource struct {
	open   func() (*sql.DB, error) // pluginapi Store.GetReplicaDB
	isPG   func() bool
	report func(readmodel.Status)

	mu        sync.Mutex
	db        *sql.DB
	status    readmodel.Status
	checked   bool
	reachable bool
	checkedAt time.Time
}

func (s *dbSource) Status() readmodel.Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.checked && (s.reachable || time.Since(s.checkedAt) < recheckAfter) {
		return s.status
	}
	s.status, s.reachable = s.check()
	s.checked, s.checkedAt = true, time.Now()
	if s.report != nil {
		s.report(s.status)
	}
	return s.status
}

func (s *dbSource) check() (readmodel.Status, bool) {
	if !s.isPG() {
		// A schema verdict: no retry helps.
		return readmodel.Unavailable("the server's database is not PostgreSQL"), true
	}
	db, err := s.open()
	if err != nil {
		return readmodel.Unavailable("the plugin could not connect to the server's database (" + readmodel.PlainError(err) + ")"), false
	}
	s.db = db
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	status := readmodel.SelfCheck(ctx, db)
	return status, !status.Unreachable()
}

func (s *dbSource) List(ctx context.Context, st readmodel.Statement, all bool, opts readmodel.Options) (readmodel.Page, error) {
	s.mu.Lock()
	db := s.db
	s.mu.Unlock()
	return readmodel.List(ctx, db, st, all, opts)
}

func (s *dbSource) Fingerprints(ctx context.Context, key string) ([]readmodel.Fingerprinted, error) {
	s.mu.Lock()
	db := s.db
	s.mu.Unlock()
	return readmodel.Fingerprints(ctx, db, key)
}
