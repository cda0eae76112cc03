// Migration 006: status-window sign-in (ui_sessions), one-time login tokens and sessions kept only as
// hashes. A database written before it keeps its rows; the table takes what UiSessionRepo writes.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { LOGIN_TTL_MS, UiSessionRepo } from '../../../bridge/store/ui-sessions.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const tables = () =>
  db
    .prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
let n = 0;
const ids = {
  token: (bytes = 16) => `${'t'.repeat(bytes)}${String(n++).padStart(4, '0')}`,
  transactionId: () => 'tx',
  operationId: () => 'op',
  uuid: () => 'u',
};
const now = Date.parse('2026-06-01T09:00:00.000Z');

function oldDatabase() {
  migrate(db, MIGRATIONS, 5);
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare(`INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1','payroc','T1',?,?)`).run(
    at,
    at,
  );
  db.prepare(
    `INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at) VALUES ('key1','till','hash-of-key','pbk_abcd',?)`,
  ).run(at);
  db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at)
    VALUES ('tx1','t1','payroc','r1','fp','authorized','USD',100,?,?)`,
  ).run(at, at);
  db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, amount, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, receipt_text, created_at, updated_at)
    VALUES ('op1','tx1','t1','preauth','succeeded',100,'fp','k1',5,0,NULL,?,?)`,
  ).run(at, at);
}

describe('migration 006', () => {
  it('adds ui_sessions to a version-5 database, keeping its rows', () => {
    oldDatabase();
    const before = Object.fromEntries(
      ['terminals', 'api_keys', 'transactions', 'operations'].map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]),
    );
    expect(tables()).not.toContain('ui_sessions');
    expect(migrate(db, MIGRATIONS, 6)).toBe(6);
    expect(tables()).toContain('ui_sessions');
    expect(Object.fromEntries(Object.keys(before).map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]))).toEqual(
      before,
    );
    expect(
      db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info('ui_sessions') ORDER BY cid`).all(),
    ).toEqual([
      { name: 'id', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'login_hash', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'login_expires_at', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'created_at', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'redeemed_at', type: 'TEXT', notnull: 0, pk: 0 },
      { name: 'session_hash', type: 'TEXT', notnull: 0, pk: 0 },
      { name: 'session_expires_at', type: 'TEXT', notnull: 0, pk: 0 },
    ]);
  });

  it('takes a login and its session as UiSessionRepo writes them, hashes only, each login once', () => {
    oldDatabase();
    // Today's repository also reads what later migrations add to the table (009: ended_at).
    migrate(db, MIGRATIONS);
    const repo = new UiSessionRepo(db, ids);
    const login = repo.createLogin(now);
    const session = repo.redeem(login.token, now + 1_000)!;
    expect(session.id).toBe(login.id);
    expect(repo.verify(session.session, now + 2_000)).toEqual({ id: login.id });
    expect(repo.redeem(login.token, now + 3_000)).toBeUndefined();
    expect(repo.redeem(repo.createLogin(now).token, now + LOGIN_TTL_MS + 1)).toBeUndefined();
    const stored = JSON.stringify(db.prepare('SELECT * FROM ui_sessions').all());
    expect(stored).not.toContain(login.token);
    expect(stored).not.toContain(session.session);
    // The hashes are unique keys, and the table is STRICT: a login hash that is not text is refused.
    const row = db.prepare('SELECT login_hash FROM ui_sessions WHERE id = ?').get(login.id) as { login_hash: string };
    expect(() =>
      db
        .prepare(`INSERT INTO ui_sessions (id, login_hash, login_expires_at, created_at) VALUES ('uis_x', ?, 'x', 'x')`)
        .run(row.login_hash),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(`INSERT INTO ui_sessions (id, login_hash, login_expires_at, created_at) VALUES ('uis_y', ?, 'x', 'x')`)
        .run(Buffer.from([1])),
    ).toThrow(/cannot store BLOB/);
  });
});
