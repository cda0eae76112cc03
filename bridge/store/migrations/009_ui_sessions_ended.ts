// 009: a status-window session can be ended (sign-out) before it expires. Every session started before
// this version lived in a cookie, and browsers send a cookie of 127.0.0.1 to every port of 127.0.0.1:
// any other local server the browser visited may hold one, so all of them end here. Unused login links
// stay good (they were only ever in a URL handed to a person).
import type { Migration } from '../migration.js';

export const migration009: Migration = {
  version: 9,
  name: 'ui_sessions_ended',
  up: `
ALTER TABLE ui_sessions ADD COLUMN ended_at TEXT;
UPDATE ui_sessions SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE session_hash IS NOT NULL;
`,
};
