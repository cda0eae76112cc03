// Migration 017: a schema-16 database gains the end-of-day runs (kept for good) and the index the day
// summary reads captures and voids through; each read of the End of day page then searches an index.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { DayReads } from '../../../bridge/store/day-reads.js';
import { EndOfDayRuns } from '../../../bridge/store/end-of-day-runs.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const SETTLED = `SELECT o.terminal_id, t.currency, o.kind, COUNT(*) FROM operations o JOIN transactions t ON t.id = o.transaction_id
  WHERE o.state = 'succeeded' AND o.kind IN ('capture', 'void') AND o.finished_at >= ? AND o.finished_at < ?
  GROUP BY o.terminal_id, t.currency, o.kind`;

function plan(sql: string, ...args: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('\n');
}

describe('migration 017', () => {
  it('adds the runs table and the settled-operations index to a schema-16 database', () => {
    migrate(db, MIGRATIONS, 16);
    expect(plan(SETTLED, 'a', 'b')).toMatch(/SCAN o\b/);
    expect(migrate(db, MIGRATIONS, 17)).toBe(17);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'zvt_end_of_day_runs'`).get()).toBeTruthy();
    expect(plan(SETTLED, 'a', 'b')).toMatch(/SEARCH o USING INDEX operations_settled_by_finished/);
  });

  it("the day's reads search indexes, never scan the transactions", () => {
    migrate(db, MIGRATIONS);
    new DayReads(db); // prepares every statement: a schema mismatch fails here
    const created = `SELECT terminal_id, currency, state, COUNT(*) FROM transactions WHERE created_at >= ? AND created_at < ? GROUP BY terminal_id, currency, state`;
    expect(plan(created, 'a', 'b')).toMatch(/SEARCH transactions USING INDEX transactions_by_created/);
    const holds = `SELECT id FROM transactions WHERE state = 'authorized' AND created_at < ? ORDER BY created_at, id LIMIT 10`;
    expect(plan(holds, 'a')).toMatch(/SEARCH transactions USING INDEX transactions_by_state/);
    const since = `SELECT t.currency, COUNT(*) FROM operations o JOIN transactions t ON t.id = o.transaction_id
      WHERE o.state = 'succeeded' AND o.kind IN ('capture', 'void') AND o.finished_at > ? AND o.finished_at <= ? AND o.terminal_id = ? AND o.kind = 'capture' GROUP BY t.currency`;
    expect(plan(since, 'a', 'b', 'c')).toMatch(/SEARCH o USING INDEX operations_settled_by_finished/);
  });

  it('keeps runs for good and writes a run start, its totals and its end once', () => {
    migrate(db, MIGRATIONS);
    db.prepare(
      `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('bar', 'zvt', 'Bar', 'x', 'x')`,
    ).run();
    const runs = new EndOfDayRuns(db);
    const id = runs.start('bar', '2026-12-01T18:00:00.000Z', 'status window');
    runs.recordTotals(id, {
      currency: 'EUR',
      totalAmount: 958,
      totalCount: 2,
      trace: '000982',
      receiptFrom: '0233',
      receiptTo: '0234',
      cards: [{ card: 'eurocard', count: 2, amount: 958 }],
    });
    const end = {
      outcome: 'closed' as const,
      resultCode: 0,
      message: 'ok',
      receipt: '',
      comparedSince: null,
      ours: [],
      differences: [],
    };
    runs.finish(id, end, '2026-12-01T18:00:05.000Z');
    expect(() => runs.finish(id, end, '2026-12-01T18:00:06.000Z')).toThrow(/not running/);
    expect(runs.lastClosed('bar')).toMatchObject({
      id,
      total_amount: 958,
      outcome: 'closed',
      requested_by: 'status window',
    });
    expect(() => db.prepare('DELETE FROM zvt_end_of_day_runs').run()).toThrow(/never deleted/);
  });
});
