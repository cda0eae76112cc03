// Migration 013: lean indexes. On a database of version 12 with finished and open rows of every kind, the
// migration drops the indexes that held an entry for every row ever written, keeps every row unchanged,
// and the indexes it adds hold only what their reads look at: attempts not compacted yet, authorised holds.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate, schemaVersion } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

function version12() {
  migrate(db, MIGRATIONS, 12);
  db.prepare(
    `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('bar','payroc','Bar','x','x')`,
  ).run();
  const tx = db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested,
       expires_at, pos_told_result, created_at, updated_at) VALUES (?, 'bar', 'payroc', ?, 'f', ?, 'USD', 100, ?, ?, ?, 'x')`,
  );
  const op = db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts,
       next_attempt_at, created_at, updated_at, finished_at) VALUES (?, ?, 'bar', ?, ?, 'f', ?, 8, 0, 'x', 'x', ?)`,
  );
  const attempt = db.prepare(
    `INSERT INTO attempts (operation_id, number, purpose, request_json, response_json, started_at, finished_at, compacted_at)
       VALUES (?, 1, 'send', ?, '{"paymentId":"P1","order":{"amount":100}}', 'x', 'x', ?)`,
  );
  tx.run('tx-done', 'room-1', 'captured', '2025-01-08', 'final', '2025-01-01');
  op.run('op-done-1', 'tx-done', 'preauth', 'succeeded', 'k1', '2025-01-01');
  op.run('op-done-2', 'tx-done', 'capture', 'succeeded', 'k2', '2025-01-02');
  attempt.run('op-done-1', '{"compacted":true}', '2025-01-09');
  attempt.run('op-done-2', '{"method":"POST","body":{"amount":100}}', null);
  tx.run('tx-held', 'room-2', 'authorized', '2025-01-09', 'pending', '2025-01-02');
  op.run('op-held', 'tx-held', 'preauth', 'succeeded', 'k3', '2025-01-02');
  op.run('op-queued', 'tx-held', 'capture', 'queued', 'k4', null);
}

const indexes = () =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string }[]
  ).map((r) => r.name);
const dump = () =>
  Object.fromEntries(
    ['transactions', 'operations', 'attempts', 'events'].map((t) => [
      t,
      db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
    ]),
  );
describe('migration 013: lean indexes', () => {
  it('drops the indexes over all history, keeps every row, and its new indexes hold open rows only', () => {
    version12();
    const rows = dump();
    const before = indexes();
    expect(before).toEqual(
      expect.arrayContaining([
        'operations_by_transaction',
        'operations_lane',
        'operations_finished',
        'transactions_by_expiry',
        'transactions_orphan_candidates',
      ]),
    );
    expect(migrate(db, MIGRATIONS, 13)).toBe(13);
    expect(schemaVersion(db)).toBe(13);
    const after = indexes();
    for (const gone of [
      'operations_by_transaction',
      'operations_lane',
      'operations_finished',
      'transactions_by_expiry',
    ])
      expect(after).not.toContain(gone);
    expect(after).toEqual(expect.arrayContaining(['attempts_uncompacted', 'transactions_orphan_candidates']));
    expect(dump()).toEqual(rows);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Only the attempt not compacted yet, only the authorised hold.
    const stat = (name: string) =>
      (db.prepare(`SELECT SUM(ncell) AS n FROM dbstat WHERE name = ?`).get(name) as { n: number }).n;
    expect(stat('attempts_uncompacted')).toBe(1);
    expect(stat('transactions_orphan_candidates')).toBe(1);
  });
});
