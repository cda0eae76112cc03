// 002: what the asynchronous providers need. An operation's own provider reference (Lab4Pay's
// operation_id, SmartRetry's capture/void transaction_id), a POS's cancel request and when it was sent, and
// per-terminal credentials from pairing, stored only encrypted.
import type { Migration } from '../migration.js';

export const migration002: Migration = {
  version: 2,
  name: 'provider_refs_and_credentials',
  up: `
ALTER TABLE operations ADD COLUMN provider_ref TEXT;
ALTER TABLE operations ADD COLUMN cancel_requested_at TEXT;
ALTER TABLE operations ADD COLUMN cancel_sent_at TEXT;

CREATE TABLE terminal_credentials (
  terminal_id TEXT PRIMARY KEY REFERENCES terminals(id),
  ciphertext  BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
`,
};
