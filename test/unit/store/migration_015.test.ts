// Migration 015: a schema-14 database gains transactions_by_terminal_created, and a terminal's newest
// transaction is then read from the end of that index, not by sorting its rows.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const NEWEST = 'SELECT id FROM transactions WHERE terminal_id = ? ORDER BY created_at DESC, id DESC LIMIT 1';

function plan(): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${NEWEST}`).all('bar') as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('\n');
}

describe('migration 015', () => {
  it('adds the terminal, created_at index to a schema-14 database', () => {
    migrate(db, MIGRATIONS, 14);
    expect(plan()).toMatch(/TEMP B-TREE/);
    expect(migrate(db, MIGRATIONS, 15)).toBe(15);
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE name = 'transactions_by_terminal_created'`).get(),
    ).toBeTruthy();
    expect(plan()).toMatch(/SEARCH transactions USING (COVERING )?INDEX transactions_by_terminal_created/);
    expect(plan()).not.toMatch(/TEMP B-TREE/);
  });
});
