// Migration 004: the expiry warning flag, and the expiry index that the sweep's query uses.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

describe('migration 004', () => {
  it('adds expiry_warned_at to existing transactions and indexes authorised holds by expiry', () => {
    migrate(db, MIGRATIONS, 3);
    db.prepare(
      `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1','payroc','T1','x','x')`,
    ).run();
    db.prepare(
      `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, expires_at, created_at, updated_at) VALUES ('tx1','t1','payroc','r','f','authorized','USD',1,'2030-01-01T00:00:00.000Z','x','x')`,
    ).run();
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    expect(db.prepare('SELECT expiry_warned_at FROM transactions').get()).toEqual({ expiry_warned_at: null });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM transactions WHERE state = 'authorized' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at`,
      )
      .all('2031') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/transactions_by_expiry/);
  });
});
