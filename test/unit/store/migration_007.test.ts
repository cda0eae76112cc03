// Migration 007: attempts learn whether their answer was applied. In a database written before it, every
// answer was applied except those of the claim a crashed worker still held: those are what a restarted
// daemon must apply (never throw away and send again).
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { AttemptRepo } from '../../../bridge/store/attempts.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const approved = JSON.stringify({
  kind: 'approved',
  approval: { providerRef: 'AWBFA4B3KXFC3SGN', amountAuthorized: 2266 },
});

function oldDatabase() {
  migrate(db, MIGRATIONS, 6);
  db.prepare(
    `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('bar','blink','Bar','x','x')`,
  ).run();
  const tx = db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at) VALUES (?, 'bar', 'blink', ?, 'f', ?, 'GBP', 2266, 'x', 'x')`,
  );
  const op = db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, attempts, max_attempts, next_attempt_at, lease_pid, created_at, updated_at) VALUES (?, ?, 'bar', 'preauth', ?, 'f', ?, ?, 8, 0, ?, 'x', 'x')`,
  );
  const attempt = db.prepare(
    `INSERT INTO attempts (operation_id, number, purpose, request_json, outcome_kind, outcome_json, started_at, finished_at) VALUES (?, ?, 'send', '{}', ?, ?, 'x', ?)`,
  );
  // The crash of issue 10: the answer of the current claim recorded, its decision never applied.
  tx.run('tx-crashed', 'table-4', 'in_progress');
  op.run('op-crashed', 'tx-crashed', 'running', 'k1', 2, 999_999);
  attempt.run(
    'op-crashed',
    1,
    'retryable',
    JSON.stringify({ kind: 'retryable', notSent: true, reason: 'refused' }),
    'x',
  ); // an earlier claim: applied then
  attempt.run('op-crashed', 2, 'approved', approved, 'x');
  // A finished operation: its answers were applied.
  tx.run('tx-done', 'table-5', 'authorized');
  op.run('op-done', 'tx-done', 'succeeded', 'k2', 1, null);
  attempt.run('op-done', 1, 'approved', approved, 'x');
  // A running operation whose send never finished: nothing to apply, it is in doubt.
  tx.run('tx-flight', 'table-6', 'in_progress');
  op.run('op-flight', 'tx-flight', 'running', 'k3', 1, 999_999);
  attempt.run('op-flight', 1, null, null, null);
}

describe('migration 007', () => {
  it('keeps the recorded but unapplied answer of a crashed claim, and marks every other answer applied', () => {
    oldDatabase();
    expect(migrate(db, MIGRATIONS, 7)).toBe(7);
    const attempts = new AttemptRepo(db);
    const found = attempts.unapplied('op-crashed');
    expect(found?.number).toBe(2);
    expect(JSON.parse(found!.outcome_json!)).toEqual(JSON.parse(approved));
    expect(attempts.unapplied('op-done')).toBeUndefined();
    expect(attempts.unapplied('op-flight')).toBeUndefined();
    expect(attempts.hasUnfinishedSend('op-flight')).toBe(true);
    const applied = db.prepare(`SELECT operation_id, number, applied_at FROM attempts ORDER BY id`).all();
    expect(applied).toEqual([
      { operation_id: 'op-crashed', number: 1, applied_at: 'x' },
      { operation_id: 'op-crashed', number: 2, applied_at: null },
      { operation_id: 'op-done', number: 1, applied_at: 'x' },
      { operation_id: 'op-flight', number: 1, applied_at: null },
    ]);
    // Once applied, it is not applied again.
    attempts.markApplied(found!.id, '2026-12-01T09:00:00.000Z');
    expect(attempts.unapplied('op-crashed')).toBeUndefined();
  });
});
