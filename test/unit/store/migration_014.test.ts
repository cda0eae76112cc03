// Migration 014: the one sync_mark row the store rewrites to put unsynced commits on disk. A database of
// schema 13 (a running store's) gains it with its counter at zero; a second row cannot be made.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

describe('migration 014', () => {
  it('adds the single sync_mark row to a schema-13 database', () => {
    migrate(db, MIGRATIONS, 13);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'sync_mark'`).get()).toBeUndefined();
    expect(migrate(db, MIGRATIONS, 14)).toBe(14);
    expect(db.prepare('SELECT id, syncs FROM sync_mark').all()).toEqual([{ id: 1, syncs: 0 }]);
    expect(() => db.prepare('INSERT INTO sync_mark (id, syncs) VALUES (2, 0)').run()).toThrow(/CHECK/);
  });
});
