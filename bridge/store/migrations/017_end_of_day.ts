// 017: end of day. Each ZVT End-of-Day (06 50) run as the terminal reported it: outcome, result code, the
// totals per card group, the receipt, and every difference between its totals and posbridge's own
// bookings. A run is written when it starts ('running', so a run cut off by a stop is never lost), its
// totals before the terminal hears they arrived, and its outcome at the end; runs are never deleted.
// The day summary reads captures and voids by the day they succeeded: a partial index on finished_at
// holds only those.
import type { Migration } from '../migration.js';

export const migration017: Migration = {
  version: 17,
  name: 'end_of_day',
  up: `
CREATE TABLE zvt_end_of_day_runs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal_id      TEXT NOT NULL REFERENCES terminals(id),
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  outcome          TEXT NOT NULL CHECK (outcome IN ('running', 'closed', 'failed', 'unknown')),
  result_code      INTEGER,
  message          TEXT,
  currency         TEXT,
  total_amount     INTEGER,
  total_count      INTEGER,
  trace            TEXT,
  receipt_from     TEXT,
  receipt_to       TEXT,
  totals_json      TEXT NOT NULL DEFAULT '[]',
  receipt_text     TEXT,
  compared_since   TEXT,
  ours_json        TEXT,
  differences_json TEXT NOT NULL DEFAULT '[]',
  requested_by     TEXT
) STRICT;
CREATE INDEX zvt_end_of_day_by_terminal ON zvt_end_of_day_runs (terminal_id, id);
CREATE TRIGGER zvt_end_of_day_runs_are_kept BEFORE DELETE ON zvt_end_of_day_runs
  BEGIN SELECT RAISE(ABORT, 'end-of-day runs are never deleted'); END;

CREATE INDEX operations_settled_by_finished ON operations (finished_at, terminal_id)
  WHERE state = 'succeeded' AND kind IN ('capture', 'void');
`,
};
