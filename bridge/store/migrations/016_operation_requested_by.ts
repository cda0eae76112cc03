// 016: who asked for a follow-up, and whether its caller was answered before it ended.
// requested_by: the API key's name for the POS, `window:<name>` for a person at the status window (the
// window has no accounts: staff type their name or number with each charge or release), `posbridge` for
// the daemon's own voids (expiry, orphan holds). answered_open_at: when the caller was answered 202 with
// the operation still under way. A capture or void that then fails is one nobody at the counter saw end:
// GET /v1/attention lists those, from the partial index (failed ones the caller never saw end only).
import type { Migration } from '../migration.js';

export const migration016: Migration = {
  version: 16,
  name: 'operation_requested_by',
  up: `
ALTER TABLE operations ADD COLUMN requested_by TEXT;
ALTER TABLE operations ADD COLUMN answered_open_at TEXT;
CREATE INDEX operations_failed_after_answer ON operations (finished_at, seq)
  WHERE answered_open_at IS NOT NULL AND state = 'failed';
`,
};
