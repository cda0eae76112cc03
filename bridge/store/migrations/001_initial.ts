// 001: the durable core. Transactions, the operation outbox, every attempt, an append-only event log,
// terminals and API keys. Finished rows are never deleted: triggers refuse it.
import type { Migration } from '../migration.js';

const TX_STATES = `'pending','in_progress','authorized','declined','failed','unresolved','captured','voided','expired'`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE terminals (
  id            TEXT PRIMARY KEY,
  provider      TEXT NOT NULL,
  name          TEXT NOT NULL,
  currency      TEXT,
  settings_json TEXT NOT NULL DEFAULT '{}',
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  last_seen_at  TEXT
) STRICT;

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  key_prefix   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
) STRICT;

CREATE TABLE transactions (
  id                  TEXT PRIMARY KEY,
  terminal_id         TEXT NOT NULL REFERENCES terminals(id),
  provider            TEXT NOT NULL,
  reference           TEXT NOT NULL,
  request_fingerprint TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN (${TX_STATES})),
  currency            TEXT NOT NULL,
  amount_requested    INTEGER NOT NULL CHECK (amount_requested > 0),
  amount_authorized   INTEGER CHECK (amount_authorized >= 0),
  amount_captured     INTEGER CHECK (amount_captured >= 0),
  card_brand          TEXT,
  card_masked_pan     TEXT,
  card_entry_mode     TEXT,
  auth_code           TEXT,
  provider_ref        TEXT,
  provider_refs_json  TEXT NOT NULL DEFAULT '{}',
  expires_at          TEXT,
  operator            TEXT,
  metadata_json       TEXT,
  error_code          TEXT,
  error_message       TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (terminal_id, reference)
) STRICT;
CREATE INDEX transactions_by_created ON transactions (created_at, id);
CREATE INDEX transactions_by_state ON transactions (state, created_at);

CREATE TABLE operations (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  id                  TEXT NOT NULL UNIQUE,
  transaction_id      TEXT NOT NULL REFERENCES transactions(id),
  terminal_id         TEXT NOT NULL REFERENCES terminals(id),
  kind                TEXT NOT NULL CHECK (kind IN ('preauth','adjust','capture','void')),
  state               TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','unresolved')),
  amount              INTEGER CHECK (amount > 0),
  request_fingerprint TEXT NOT NULL,
  client_key          TEXT,
  idempotency_key     TEXT NOT NULL UNIQUE,
  attempts            INTEGER NOT NULL DEFAULT 0,
  max_attempts        INTEGER NOT NULL,
  next_attempt_at     INTEGER NOT NULL,
  lease_token         TEXT,
  lease_owner         TEXT,
  lease_pid           INTEGER,
  lease_until         INTEGER,
  in_doubt            INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
  in_doubt_since      INTEGER,
  error_code          TEXT,
  error_message       TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  finished_at         TEXT,
  UNIQUE (transaction_id, client_key)
) STRICT;
-- The lane: a terminal's open operations in arrival order.
CREATE INDEX operations_lane ON operations (terminal_id, state, seq);
CREATE INDEX operations_by_transaction ON operations (transaction_id, seq);
-- At most one open follow-up per transaction: a second capture can never race the first.
CREATE UNIQUE INDEX operations_one_open_per_transaction ON operations (transaction_id)
  WHERE state IN ('queued', 'running', 'unresolved');

CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  operation_id    TEXT NOT NULL REFERENCES operations(id),
  number          INTEGER NOT NULL,
  purpose         TEXT NOT NULL CHECK (purpose IN ('send','lookup')),
  request_json    TEXT NOT NULL,
  response_status INTEGER,
  response_json   TEXT,
  outcome_kind    TEXT,
  outcome_json    TEXT,
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  duration_ms     INTEGER
) STRICT;
CREATE INDEX attempts_by_operation ON attempts (operation_id, id);

CREATE TABLE events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  type           TEXT NOT NULL,
  transaction_id TEXT,
  operation_id   TEXT,
  terminal_id    TEXT,
  data_json      TEXT NOT NULL,
  created_at     TEXT NOT NULL
) STRICT;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER transactions_are_kept BEFORE DELETE ON transactions
  BEGIN SELECT RAISE(ABORT, 'transactions are never deleted'); END;
CREATE TRIGGER operations_are_kept BEFORE DELETE ON operations
  BEGIN SELECT RAISE(ABORT, 'operations are never deleted'); END;
CREATE TRIGGER attempts_are_kept BEFORE DELETE ON attempts
  BEGIN SELECT RAISE(ABORT, 'attempts are never deleted'); END;
`,
};
