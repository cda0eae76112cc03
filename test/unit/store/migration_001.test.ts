// Migration 001: schema, durability pragmas, append-only and never-delete triggers, and that the
// lane query uses its index.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, readPragmas, type SqliteDb } from '../../../native/sqlite.js';
import { migrate, schemaVersion } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { join } from 'node:path';

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'm.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function seed(): void {
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare(`INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1','payroc','T1',?,?)`).run(
    at,
    at,
  );
  db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at)
    VALUES ('tx1','t1','payroc','r1','fp','pending','USD',100,?,?)`,
  ).run(at, at);
  db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, amount, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at)
    VALUES ('op1','tx1','t1','preauth','queued',100,'fp','k1',5,0,?,?)`,
  ).run(at, at);
  db.prepare(`INSERT INTO events (type, data_json, created_at) VALUES ('x','{}',?)`).run(at);
}

describe('migration 001', () => {
  it('opens with WAL, synchronous=FULL, foreign keys, busy timeout and secure_delete', () => {
    expect(readPragmas(db)).toEqual({
      journal_mode: 'wal',
      synchronous: 2,
      foreign_keys: 1,
      busy_timeout: 5000,
      secure_delete: 1,
    });
  });

  it('migrates an empty database to version 1 and is idempotent', () => {
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(['api_keys', 'attempts', 'events', 'operations', 'terminals', 'transactions']);
  });

  it('refuses a database from a newer posbridge', () => {
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer/);
  });

  it('keeps finished rows and events: deletes and event updates are refused', () => {
    migrate(db, MIGRATIONS, 1);
    seed();
    expect(() => db.prepare('DELETE FROM transactions').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM operations').run()).toThrow(/never deleted/);
    expect(() => db.prepare(`UPDATE events SET type = 'y'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('enforces states, references and one open follow-up per transaction', () => {
    migrate(db, MIGRATIONS, 1);
    seed();
    expect(() => db.prepare(`UPDATE transactions SET state = 'bogus'`).run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at)
      VALUES ('tx2','t1','payroc','r1','fp','pending','USD',100,'a','a')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at)
      VALUES ('op2','tx1','t1','capture','queued','fp','k2',5,0,'a','a')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at)
      VALUES ('op3','nope','t1','capture','succeeded','fp','k3',5,0,'a','a')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('finds a lane head through the lane index', () => {
    migrate(db, MIGRATIONS, 1);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM operations WHERE terminal_id = ? AND state = 'queued' AND next_attempt_at <= ? ORDER BY seq LIMIT 1`,
      )
      .all('t1', 0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/operations_lane/);
  });
});
