// Package readmodel lists OAuth apps with their usage straight from the
// Mattermost database, read-only: one ordered, consistent snapshot per
// listing, instead of paging the REST API, which has no order, search or total.
// PostgreSQL only, as Mattermost 11 is.
package readmodel
