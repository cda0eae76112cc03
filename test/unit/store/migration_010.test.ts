// Migration 010: indexes for the reads that must not grow with history. On a database of version 9 with
// rows of every kind, the migration adds the three indexes, keeps every row, and the partial indexes
// hold exactly the open work: finished operations and transactions are not in them.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate, schemaVersion } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { OperationRepo } from '../../../bridge/store/operations.js';
import { TransactionRepo } from '../../../bridge/store/transactions.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

function version9() {
  migrate(db, MIGRATIONS, 9);
  db.prepare(
    `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('bar','payroc','Bar','x','x')`,
  ).run();
  const tx = db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at) VALUES (?, 'bar', 'payroc', ?, 'f', ?, 'USD', 100, ?, 'x')`,
  );
  const op = db.prepare(
    `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'bar', ?, ?, 'f', ?, 8, ?, 'x', 'x')`,
  );
  tx.run('tx-done', 'room-1', 'captured', '2025-01-01');
  op.run('op-done-1', 'tx-done', 'preauth', 'succeeded', 'k1', 0);
  op.run('op-done-2', 'tx-done', 'capture', 'succeeded', 'k2', 0);
  tx.run('tx-open', 'room-2', 'authorized', '2025-01-02');
  op.run('op-queued', 'tx-open', 'capture', 'queued', 'k3', 5);
  tx.run('tx-busy', 'room-1-again', 'in_progress', '2025-01-03');
  op.run('op-running', 'tx-busy', 'preauth', 'running', 'k4', 7);
}

const indexes = () =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as { name: string }[]
  ).map((r) => r.name);
describe('migration 010: read indexes', () => {
  it('adds the indexes and keeps every row', () => {
    version9();
    const before = indexes();
    expect(before).not.toContain('transactions_by_reference');
    expect(migrate(db, MIGRATIONS, 10)).toBe(10);
    expect(schemaVersion(db)).toBe(10);
    expect(indexes()).toEqual(
      expect.arrayContaining([
        ...before,
        'transactions_by_reference',
        'operations_open',
        'transactions_open_by_terminal',
      ]),
    );
    expect((db.prepare('SELECT COUNT(*) AS n FROM transactions').get() as { n: number }).n).toBe(3);
    expect((db.prepare('SELECT COUNT(*) AS n FROM operations').get() as { n: number }).n).toBe(4);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('holds only open work in the partial indexes, and today’s repositories read through them', () => {
    version9();
    migrate(db, MIGRATIONS, 10);
    // Reading the index alone (INDEXED BY) shows what it holds: the two open operations, not the two finished.
    const open = db
      .prepare(`SELECT id FROM operations INDEXED BY operations_open WHERE state IN ('queued','running') ORDER BY id`)
      .all() as { id: string }[];
    expect(open.map((r) => r.id)).toEqual(['op-queued', 'op-running']);
    const openTx = db
      .prepare(
        `SELECT id FROM transactions INDEXED BY transactions_open_by_terminal
          WHERE terminal_id = 'bar' AND state IN ('pending','in_progress','authorized','unresolved') ORDER BY id`,
      )
      .all() as { id: string }[];
    expect(openTx.map((r) => r.id)).toEqual(['tx-busy', 'tx-open']);
    // Today's repositories prepare today's columns: the rest of the schema is brought up to date first.
    migrate(db, MIGRATIONS);
    const ops = new OperationRepo(db);
    // What waits to be sent: the queued one (the running one is being sent now).
    expect(ops.queueDepth()).toBe(1);
    expect(ops.running().map((o) => o.id)).toEqual(['op-running']);
    expect(ops.lanesWithWork()).toEqual([{ terminal_id: 'bar', next_at: 5 }]);
    expect(ops.depthByTerminal().get('bar')).toEqual({ queued: 1, running: 1 });
    const txs = new TransactionRepo(db);
    expect(txs.list({ reference: 'room-1', limit: 10 }).map((t) => t.id)).toEqual(['tx-done']);
  });
});
