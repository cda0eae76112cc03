// Migration 003: the offline queue's columns, and that sealed card data can be nulled.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

describe('migration 003', () => {
  it('adds queued_reason and card_blob to existing operations, and an index for the queue', () => {
    migrate(db, MIGRATIONS, 2);
    const at = 'x';
    db.prepare(
      `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1','payroc','T1',?,?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested, created_at, updated_at) VALUES ('tx1','t1','payroc','r','f','pending','USD',1,?,?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key, max_attempts, next_attempt_at, created_at, updated_at) VALUES ('op1','tx1','t1','preauth','queued','f','k',1,0,?,?)`,
    ).run(at, at);
    expect(migrate(db, MIGRATIONS, 3)).toBe(3);
    db.prepare(`UPDATE operations SET queued_reason = 'provider_unreachable', card_blob = ? WHERE id = 'op1'`).run(
      Buffer.from([1, 2, 3]),
    );
    db.prepare(`UPDATE operations SET card_blob = NULL WHERE id = 'op1'`).run();
    expect(db.prepare('SELECT queued_reason, card_blob FROM operations').get()).toEqual({
      queued_reason: 'provider_unreachable',
      card_blob: null,
    });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM operations WHERE state = 'queued' AND queued_reason IS NOT NULL`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/operations_offline_queue|operations_lane/);
  });
});
