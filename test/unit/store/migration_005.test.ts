// Migration 005: operations learn the receipt a ZVT terminal printed (receipt_text). Operations written
// before it keep every field and have no receipt; one can be kept from then on.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const columns = (table: string) =>
  db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[];

function oldDatabase() {
  migrate(db, MIGRATIONS, 4);
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare(
    `INSERT INTO terminals (id, provider, name, currency, created_at, updated_at) VALUES ('lane-1','zvt','Lane 1','EUR',?,?)`,
  ).run(at, at);
  db.prepare(
    `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, amount_authorized, provider_ref, created_at, updated_at)
    VALUES ('tx1','lane-1','zvt','r1','fp','authorized','EUR',2500,2500,'0042',?,?)`,
  ).run(at, at);
  const op =
    db.prepare(`INSERT INTO operations (id, transaction_id, terminal_id, kind, state, amount, request_fingerprint, idempotency_key, attempts, max_attempts, next_attempt_at, queued_reason, created_at, updated_at)
    VALUES (?, 'tx1', 'lane-1', ?, ?, 2500, 'fp', ?, ?, 8, 0, ?, ?, ?)`);
  op.run('op-preauth', 'preauth', 'succeeded', 'k1', 1, null, at, at);
  op.run('op-capture', 'capture', 'queued', 'k2', 0, 'provider_unreachable', at, at);
}

describe('migration 005', () => {
  it('adds receipt_text to existing operations, keeping every row and field', () => {
    oldDatabase();
    const before = db.prepare('SELECT * FROM operations ORDER BY id').all();
    expect(columns('operations')).not.toContain('receipt_text');
    expect(migrate(db, MIGRATIONS, 5)).toBe(5);
    expect(columns('operations')).toContain('receipt_text');
    const after = db.prepare('SELECT * FROM operations ORDER BY id').all() as Array<Record<string, unknown>>;
    expect(after).toEqual(before.map((row) => ({ ...(row as object), receipt_text: null })));
    expect(db.prepare('SELECT id, state, amount_authorized, provider_ref FROM transactions').all()).toEqual([
      { id: 'tx1', state: 'authorized', amount_authorized: 2500, provider_ref: '0042' },
    ]);
  });

  it('keeps a receipt for an operation written before it', () => {
    oldDatabase();
    migrate(db, MIGRATIONS, 5);
    const receipt = 'PRE-AUTH\nVISA ************0016\nEUR 25.00\nRECEIPT 0042';
    db.prepare('UPDATE operations SET receipt_text = ? WHERE id = ?').run(receipt, 'op-preauth');
    expect(db.prepare('SELECT id, receipt_text FROM operations ORDER BY id').all()).toEqual([
      { id: 'op-capture', receipt_text: null },
      { id: 'op-preauth', receipt_text: receipt },
    ]);
  });
});
