// The gauges of GET /v1/metrics are read at every scrape: each query must walk an index over open rows
// (SEARCH), never the whole table or index (SCAN), or a scrape would grow with years of history.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { METRICS_SQL, MetricsReads } from '../../../bridge/store/metrics-reads.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'm.sqlite'));
  migrate(db, MIGRATIONS);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('metrics reads', () => {
  it.each(Object.entries(METRICS_SQL))('%s searches an index, never scans', (_name, sql) => {
    const args = (sql.match(/\?/g) ?? []).map(() => 'x');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
    expect(
      plan.some((d) => /^SEARCH \w+ USING (COVERING )?INDEX/.test(d)),
      plan.join('; '),
    ).toBe(true);
    expect(
      plan.filter((d) => d.startsWith('SCAN')),
      plan.join('; '),
    ).toEqual([]);
  });

  it('counts what is open and ignores what is finished', () => {
    const at = '2026-06-01T10:00:00.000Z';
    db.prepare(
      `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('t1', 'payroc', 't1', ?, ?)`,
    ).run(at, at);
    const tx = db.prepare(
      `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency, amount_requested,
         amount_authorized, expires_at, created_at, updated_at) VALUES (?, 't1', 'payroc', ?, 'f', ?, ?, 1000, ?, ?, ?, ?)`,
    );
    tx.run('a', 'a', 'authorized', 'USD', 1000, '2026-06-01T20:00:00.000Z', at, at);
    tx.run('b', 'b', 'authorized', 'USD', 250, '2026-06-09T10:00:00.000Z', at, at);
    tx.run('c', 'c', 'authorized', 'JPY', 700, null, at, at);
    tx.run('d', 'd', 'captured', 'USD', 9000, '2026-06-01T11:00:00.000Z', at, at);
    tx.run('e', 'e', 'unresolved', 'USD', null, null, at, at);
    const op = db.prepare(
      `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key,
         max_attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 't1', 'capture', ?, 'f', ?, 3, 0, ?, ?)`,
    );
    op.run('o1', 'd', 'succeeded', 'k1', '2026-06-01T09:00:00.000Z', at);
    op.run('o2', 'a', 'queued', 'k2', '2026-06-01T09:30:00.000Z', at);
    op.run('o3', 'b', 'queued', 'k3', '2026-06-01T09:45:00.000Z', at);

    const reads = new MetricsReads(db);
    expect(reads.queue('t1')).toEqual({ depth: 2, oldestCreatedAt: '2026-06-01T09:30:00.000Z' });
    expect(reads.queue('nowhere')).toEqual({ depth: 0, oldestCreatedAt: null });
    expect(reads.openHolds().sort((x, y) => x.currency.localeCompare(y.currency))).toEqual([
      { currency: 'JPY', count: 1, amountMinor: 700 },
      { currency: 'USD', count: 2, amountMinor: 1250 },
    ]);
    expect(reads.unresolvedCount()).toBe(1);
    expect(reads.expiringBefore('2026-06-02T10:00:00.000Z')).toBe(1);
    expect(reads.sizeBytes()).toBe(
      Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true })),
    );
  });
});
