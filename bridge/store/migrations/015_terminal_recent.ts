// 015: a terminal's transactions in created_at order. GET /v1/terminals shows each terminal's last payment,
// and the Transactions list filtered by terminal pages newest first: both read this index from its end
// instead of sorting every transaction the terminal ever took.
import type { Migration } from '../migration.js';

export const migration015: Migration = {
  version: 15,
  name: 'terminal_recent',
  up: `
CREATE INDEX transactions_by_terminal_created ON transactions (terminal_id, created_at, id);
`,
};
