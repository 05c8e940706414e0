package readmodel

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func allColumns() map[string]string {
	m := map[string]string{}
	for _, c := range append(append([]column{}, listingColumns...), usageColumns...) {
		m[c.table+"."+c.name] = c.dataType
	}
	return m
}

func TestCompareColumns(t *testing.T) {
	found := allColumns()
	assert.Empty(t, compareColumns(found, listingColumns))
	assert.Empty(t, compareColumns(found, usageColumns))

	delete(found, "oauthapps.isdynamicallyregistered")
	found["sessions.props"] = "character varying"
	assert.Equal(t, "this server's database differs from the one the plugin was built for: oauthapps.isdynamicallyregistered is missing", compareColumns(found, listingColumns))
	assert.Equal(t, "this server's database differs from the one the plugin was built for: sessions.props is character varying, expected jsonb", compareColumns(found, usageColumns))
}

func TestPlainErrorHidesDriverText(t *testing.T) {
	assert.Equal(t, "the database did not answer in time", PlainError(errors.New("pq: canceling statement due to statement timeout")))
	assert.Equal(t, "the database refused the query", PlainError(errors.New(`pq: column "x" does not exist at SELECT secret FROM`)))
}

func TestUnavailable(t *testing.T) {
	s := Unavailable("why")
	assert.False(t, s.OK())
	assert.False(t, s.Unreachable())
	assert.True(t, Status{Usage: "no sessions"}.OK())
}
