// Migration 002: operation provider refs, cancel flag, encrypted terminal credentials.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

describe('migration 002', () => {
  it('upgrades a version-1 database with data in it, keeping the rows', () => {
    migrate(db, MIGRATIONS, 1);
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1','payroc','T1',?,?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at)
      VALUES ('tx1','t1','payroc','r1','fp','authorized','USD',100,?,?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, amount, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at)
      VALUES ('op1','tx1','t1','preauth','succeeded',100,'fp','k1',5,0,?,?)`,
    ).run(at, at);
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(db.prepare('SELECT id, provider_ref, cancel_requested_at, cancel_sent_at FROM operations').all()).toEqual([
      { id: 'op1', provider_ref: null, cancel_requested_at: null, cancel_sent_at: null },
    ]);
  });

  it('keeps credentials per known terminal, as a blob', () => {
    migrate(db, MIGRATIONS);
    const at = 'x';
    expect(() =>
      db
        .prepare('INSERT INTO terminal_credentials (terminal_id, ciphertext, created_at, updated_at) VALUES (?,?,?,?)')
        .run('nope', Buffer.from([1]), at, at),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare('INSERT INTO terminal_credentials (terminal_id, ciphertext, created_at, updated_at) VALUES (?,?,?,?)')
        .run('nope', 'text', at, at),
    ).toThrow();
  });
});
