// 008: what the POS was last told about a transaction, and when. A hold that became authorised after
// the POS was told "not final yet" (202: pending or unknown), and that the POS never asked about again,
// is a hold nobody at the counter knows of: the orphan-hold sweep raises it (and voids it where the
// terminal's policy says so). orphan_alerted_at makes that happen once.
import type { Migration } from '../migration.js';

export const migration008: Migration = {
  version: 8,
  name: 'pos_told',
  up: `
ALTER TABLE transactions ADD COLUMN pos_told_result TEXT;
ALTER TABLE transactions ADD COLUMN pos_told_at TEXT;
ALTER TABLE transactions ADD COLUMN orphan_alerted_at TEXT;
CREATE INDEX transactions_orphan_candidates ON transactions (state, pos_told_result) WHERE orphan_alerted_at IS NULL;
`,
};
