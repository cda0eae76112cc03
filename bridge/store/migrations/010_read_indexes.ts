import type { Migration } from '../migration.js';

// 010: indexes for the reads that must stay fast however much history the database holds (issue 14).
// A POS looking its payment up by reference alone (no terminal_id) searched every transaction; the
// open-work queries (queue depth, lanes with work, running operations at start and on every sweep) read
// every operation ever written. operations_open is partial: it holds open work only, so it stays a few
// rows however many years of finished operations the table holds; the queries that use it repeat its
// WHERE term exactly (SQLite uses a partial index only when the query's WHERE contains the index's term).
// The open-work count per terminal (removing a terminal) gets the same treatment for transactions.

export const migration010: Migration = {
  version: 10,
  name: 'read_indexes',
  up: `
CREATE INDEX transactions_by_reference ON transactions (reference, created_at, id);
CREATE INDEX operations_open ON operations (state, terminal_id, next_attempt_at) WHERE state IN ('queued', 'running');
CREATE INDEX transactions_open_by_terminal ON transactions (terminal_id, state)
  WHERE state IN ('pending', 'in_progress', 'authorized', 'unresolved');
`,
};
