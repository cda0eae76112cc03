// 004: hold expiry. When the "expiring soon" warning was raised, so it is raised once.
import type { Migration } from '../migration.js';

export const migration004: Migration = {
  version: 4,
  name: 'hold_expiry',
  up: `
ALTER TABLE transactions ADD COLUMN expiry_warned_at TEXT;
CREATE INDEX transactions_by_expiry ON transactions (state, expires_at) WHERE expires_at IS NOT NULL;
`,
};
