// 005: the receipt a terminal printed for an operation (ZVT 06 D1 / 06 D3), masked data only.
import type { Migration } from '../migration.js';

export const migration005: Migration = {
  version: 5,
  name: 'terminal_receipts',
  up: `
ALTER TABLE operations ADD COLUMN receipt_text TEXT;
`,
};
