// 011: retention. Finished transactions older than the hot window move to monthly archive files; the hot
// database keeps a record of every archive (month, file, SHA-256 of its content, row counts) and an index of
// the transactions in it, so a lookup that misses the hot tables opens one file, not all of them.
//
// "Finished rows are never deleted" stays true for anything not archived: the never-delete triggers of 001
// now let a row go only if its transaction is listed in archived_transactions (written in the same SQLite
// transaction as the delete, after the archive file was verified) and is in a final state. Everything else
// is refused as before, so even a bug cannot drop history that is in no archive. Events without a
// transaction (daemon, provider and key events) stay append-only. Archive records are never deleted.
//
// attempts.compacted_at: when an attempt's raw bodies were reduced to their evidence (see core/attempt-evidence.ts).
import type { Migration } from '../migration.js';

const FINAL = `('declined','failed','captured','voided','expired')`;
const ARCHIVED_TX = (txId: string) =>
  `EXISTS (SELECT 1 FROM archived_transactions a JOIN transactions t ON t.id = a.transaction_id
            WHERE a.transaction_id = ${txId} AND t.state IN ${FINAL})`;

export const migration011: Migration = {
  version: 11,
  name: 'retention',
  up: `
CREATE TABLE archives (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
  part         INTEGER NOT NULL CHECK (part >= 1),
  file         TEXT NOT NULL UNIQUE,
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  transactions INTEGER NOT NULL,
  operations   INTEGER NOT NULL,
  attempts     INTEGER NOT NULL,
  events       INTEGER NOT NULL,
  archived_at  TEXT NOT NULL,
  UNIQUE (month, part)
) STRICT;

-- One row per archived transaction: the primary key makes "never in two archives" a constraint.
CREATE TABLE archived_transactions (
  transaction_id TEXT PRIMARY KEY,
  archive_id     INTEGER NOT NULL REFERENCES archives(id),
  terminal_id    TEXT NOT NULL,
  reference      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX archived_by_reference ON archived_transactions (reference, terminal_id);

CREATE TRIGGER archives_are_kept BEFORE DELETE ON archives
  BEGIN SELECT RAISE(ABORT, 'archive records are never deleted'); END;
CREATE TRIGGER archives_are_fixed BEFORE UPDATE ON archives
  BEGIN SELECT RAISE(ABORT, 'archive records are never changed'); END;
CREATE TRIGGER archived_transactions_are_kept BEFORE DELETE ON archived_transactions
  BEGIN SELECT RAISE(ABORT, 'archive records are never deleted'); END;

DROP TRIGGER transactions_are_kept;
CREATE TRIGGER transactions_are_kept BEFORE DELETE ON transactions
  WHEN NOT ${ARCHIVED_TX('OLD.id')}
  BEGIN SELECT RAISE(ABORT, 'transactions are never deleted unless archived'); END;

DROP TRIGGER operations_are_kept;
CREATE TRIGGER operations_are_kept BEFORE DELETE ON operations
  WHEN NOT ${ARCHIVED_TX('OLD.transaction_id')}
  BEGIN SELECT RAISE(ABORT, 'operations are never deleted unless archived'); END;

DROP TRIGGER attempts_are_kept;
CREATE TRIGGER attempts_are_kept BEFORE DELETE ON attempts
  WHEN NOT ${ARCHIVED_TX('(SELECT o.transaction_id FROM operations o WHERE o.id = OLD.operation_id)')}
  BEGIN SELECT RAISE(ABORT, 'attempts are never deleted unless archived'); END;

DROP TRIGGER events_are_append_only_delete;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
  WHEN OLD.transaction_id IS NULL OR NOT ${ARCHIVED_TX('OLD.transaction_id')}
  BEGIN SELECT RAISE(ABORT, 'events are append-only unless archived'); END;

ALTER TABLE attempts ADD COLUMN compacted_at TEXT;
-- The archive run's and the compaction's scans: finished transactions by age, final operations by age.
CREATE INDEX events_by_transaction ON events (transaction_id, seq) WHERE transaction_id IS NOT NULL;
CREATE INDEX operations_finished ON operations (finished_at) WHERE finished_at IS NOT NULL;
`,
};
