// Numbered migrations tracked in PRAGMA user_version. Each runs in its own transaction, so a failed
// migration leaves the database at the previous version, never half-migrated.
import type { SqliteDb } from '../../native/sqlite.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

export function schemaVersion(db: SqliteDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function migrate(db: SqliteDb, migrations: readonly Migration[], target = Infinity): number {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > ordered.length) {
    throw new Error(`database schema ${current} is newer than this posbridge (${ordered.length}); refusing to run`);
  }
  for (const m of ordered) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
