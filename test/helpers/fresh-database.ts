// A new SQLite file (opened as the daemon opens it, not migrated) for each test of the file, closed and
// removed after it: what the migration tests start from.
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type SqliteDb } from '../../native/sqlite.js';
import { tempDir } from './tmp.js';

/** Hands each test's database (and its folder) to `use` before the test runs. */
export function eachFreshDatabase(use: (db: SqliteDb, dir: string) => void): void {
  let tmp: ReturnType<typeof tempDir>;
  let db: SqliteDb;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(join(tmp.dir, 'm.sqlite'));
    use(db, tmp.dir);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });
}
