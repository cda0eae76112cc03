// 014: one row the store rewrites to make earlier commits durable. Hot-path writes commit without
// waiting for the disk (synchronous=NORMAL keeps them safe from a crash of the process, not from a power
// cut); before anything leaves the process, one fully synced commit of this row puts every commit made
// before it on disk, because a WAL file is synced as a whole. Concurrent requests share that one sync.
import type { Migration } from '../migration.js';

export const migration014: Migration = {
  version: 14,
  name: 'sync_mark',
  up: `
CREATE TABLE sync_mark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  syncs INTEGER NOT NULL
);
INSERT INTO sync_mark (id, syncs) VALUES (1, 0);
`,
};
