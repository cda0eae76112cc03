// 018: reconciliation runs. A run compares one day's payments with each provider's own records; it keeps
// what each provider's check found (checked, differences, could not check, offers no records) and every
// difference, as found then. Nothing here points back into transactions with a foreign key: a difference
// may name a payment we have no record of, and an archived transaction leaves its differences behind.
import type { Migration } from '../migration.js';

export const migration018: Migration = {
  version: 18,
  name: 'reconciliations',
  up: `
CREATE TABLE reconciliation_runs (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  day_from TEXT NOT NULL,
  day_to TEXT NOT NULL,
  provider TEXT,
  requested_by TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX reconciliation_runs_by_day ON reconciliation_runs (day, started_at);

CREATE TABLE reconciliation_sources (
  run_id TEXT NOT NULL REFERENCES reconciliation_runs (id),
  provider TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('checked', 'differences', 'could_not_check', 'no_records')),
  payments INTEGER NOT NULL,
  checked INTEGER NOT NULL,
  differences INTEGER NOT NULL,
  why TEXT,
  PRIMARY KEY (run_id, provider)
) WITHOUT ROWID;

CREATE TABLE reconciliation_differences (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES reconciliation_runs (id),
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('missing_at_provider', 'unknown_to_posbridge', 'amount_differs', 'state_differs', 'currency_differs')),
  field TEXT,
  transaction_id TEXT,
  provider_ref TEXT,
  ours_json TEXT,
  theirs_json TEXT
);
CREATE INDEX reconciliation_differences_by_run ON reconciliation_differences (run_id);
`,
};
