// 006: sign-in to the status window. A one-time login link (from `posbridge ui` or the tray) is
// exchanged for a session token (a cookie until 009); both are kept only as SHA-256 hashes, like API keys.
import type { Migration } from '../migration.js';

export const migration006: Migration = {
  version: 6,
  name: 'ui_sessions',
  up: `
CREATE TABLE ui_sessions (
  id                  TEXT PRIMARY KEY,
  login_hash          TEXT NOT NULL UNIQUE,
  login_expires_at    TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  redeemed_at         TEXT,
  session_hash        TEXT UNIQUE,
  session_expires_at  TEXT
) STRICT;
`,
};
