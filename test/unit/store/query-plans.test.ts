// The reads on the hot paths (a POS lookup, GET /v1/status, GET /v1/terminals, health, start-up and every
// engine sweep) use an index, so their cost follows the open work, not the years of history. Each repo
// method runs on a migrated database with every statement it executes recorded; SQLite's own
// EXPLAIN QUERY PLAN of each is then checked: a big table is only ever searched through an index, or
// scanned through a partial index that holds open work only. No database statistics (ANALYZE) are
// present, as on a POS PC, so these are the plans the daemon gets.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { ReconciliationRepo } from '../../../bridge/store/reconciliations.js';
import { Store } from '../../../bridge/store/store.js';
import { randomIds } from '../../../bridge/core/clock.js';
import { tempDir } from '../../helpers/tmp.js';

const BIG = /\b(transactions|operations|attempts|events)\b/;
/** Partial indexes whose rows are open work only: a scan of one is bounded by the queue, not by history. */
// operations_one_open_per_transaction holds queued, running and unresolved operations: open work too.
const BOUNDED = /USING (COVERING )?INDEX (operations_open|operations_one_open_per_transaction)\b/;

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;
let executed: string[];
let store: Store;

/** A connection whose statements note their SQL when they run (get/all/iterate/run). */
function recording(real: SqliteDb): SqliteDb {
  const prepare = real.prepare.bind(real);
  real.prepare = ((source: string) => {
    const stmt = prepare(source);
    for (const m of ['get', 'all', 'iterate', 'run'] as const) {
      const original = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        executed.push(source);
        return original(...args);
      };
    }
    return stmt;
  }) as SqliteDb['prepare'];
  return real;
}

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'plans.sqlite'));
  migrate(db, MIGRATIONS);
  store = new Store(recording(db), { now: () => 1_800_000_000_000 }, randomIds);
  executed = [];
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function plan(sql: string): string[] {
  // Every parameter bound to NULL: the plan of a prepared statement does not depend on its values.
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const names = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
  const rows = (
    names.length
      ? explain.all(Object.fromEntries(names.map((n) => [n, null])))
      : explain.all(...Array<null>(countPositional(sql)).fill(null))
  ) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

function countPositional(sql: string): number {
  return (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
}

/** Runs `call`, then checks the plan of every SELECT it executed; returns the plans for further checks. */
function plansOf(call: () => unknown): string[][] {
  executed = [];
  call();
  const selects = executed.filter((s) => /^\s*SELECT/i.test(s));
  expect(selects.length).toBeGreaterThan(0);
  return selects.map((sql) => {
    const lines = plan(sql);
    for (const line of lines) {
      if (!BIG.test(line)) continue;
      const ok = line.startsWith('SEARCH') || BOUNDED.test(line);
      expect(ok, `${sql}\n→ ${line}`).toBe(true);
    }
    return lines;
  });
}

const hot: Array<[string, () => unknown, RegExp]> = [
  // The POS's lookup of its own payment, with and without its terminal.
  [
    'reference lookup without terminal_id',
    () => store.transactions.list({ reference: 'room-101', limit: 2 }),
    /INDEX transactions_by_reference/,
  ],
  [
    'reference lookup with terminal_id',
    () => store.transactions.list({ reference: 'room-101', terminalId: 'bar', limit: 2 }),
    /INDEX (transactions_by_reference|sqlite_autoindex_transactions_2)/,
  ],
  [
    'reference lookup, newest first (as GET /v1/preauths asks)',
    () => store.transactions.list({ reference: 'room-101', order: 'newest', limit: 2 }),
    /INDEX transactions_by_reference/,
  ],
  [
    'reference lookup with terminal_id, newest first',
    () => store.transactions.list({ reference: 'room-101', terminalId: 'bar', order: 'newest', limit: 2 }),
    /INDEX (transactions_by_reference|sqlite_autoindex_transactions_2)/,
  ],
  ['by reference (intake)', () => store.transactions.byReference('bar', 'room-101'), /sqlite_autoindex_transactions_2/],
  // GET /v1/status, /v1/health and /v1/terminals.
  ['queue depth', () => store.operations.queueDepth(), /INDEX operations_open/],
  ['depth by terminal', () => store.operations.depthByTerminal(), /INDEX operations_open/],
  ['unresolved count', () => store.transactions.countInState('unresolved'), /INDEX transactions_by_state/],
  ['orphan hold count', () => store.transactions.countOrphanHolds(), /INDEX transactions_(by_state|orphan)/],
  // Start-up and every engine sweep.
  ['running operations (recovery)', () => store.operations.running(), /INDEX operations_open/],
  ['lanes with work', () => store.operations.lanesWithWork(), /INDEX operations_open/],
  ['stale queued', () => store.operations.staleQueued('2030-01-01'), /INDEX operations_offline_queue/],
  ['waiting to be sent (the queue panel)', () => store.operations.waiting(), /INDEX operations_open/],
  ['offline queue (intake)', () => store.operations.offlineQueue(), /INDEX operations_offline_queue/],
  [
    'expiring holds',
    () => store.transactions.authorizedExpiringBefore('2030-01-01'),
    /INDEX transactions_(by_expiry|by_state)/,
  ],
  [
    'orphan candidates',
    () => store.transactions.orphanCandidates('2030-01-01'),
    /INDEX transactions_(orphan|by_state)/,
  ],
  [
    'last payment of a terminal',
    () => store.transactions.lastOfTerminal('bar'),
    /INDEX transactions_by_terminal_created/,
  ],
  ['open work of a terminal', () => store.terminals.openWork('bar'), /INDEX transactions_open_by_terminal/],
  [
    'authorised holds of a terminal (ZVT start-up reconciliation)',
    () => store.transactions.list({ terminalId: 'bar', state: 'authorized', limit: 1_000 }),
    /INDEX/,
  ],
  ['last event (event stream)', () => store.events.lastSeq(), /SEARCH events/],
  // A lane's step: its running operation, its next due one, when the next one is due.
  ['running operation of a lane', () => store.operations.runningFor('bar'), /INDEX operations_open/],
  ['next due operation of a lane', () => store.operations.nextDue('bar', 1_800_000_000_000), /INDEX operations_open/],
  ['when a lane is next due', () => store.operations.nextDueAt('bar'), /INDEX operations_open/],
  // A transaction's operations (every GET of a transaction), and the compaction the archive run does.
  ['operations of a transaction', () => store.operations.byTransaction('pa1'), /sqlite_autoindex_operations_3/],
  // A reconciliation's read of our payments of a day: one range of the terminal's created_at index each.
  [
    "a terminal's payments of a day, with their capture's provider id (reconciliation)",
    () => new ReconciliationRepo(store.db).payments(['bar'], '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'),
    /SEARCH t USING INDEX transactions_by_terminal_created/,
  ],
  [
    'attempts left to compact',
    () => store.write((w) => store.attempts.compactFinished('2030-01-01', w.at, 500)),
    /INDEX attempts_uncompacted/,
  ],
];

describe('the hot reads use an index', () => {
  it.each(hot)('%s', (_name, call, expected) => {
    const plans = plansOf(call);
    expect(plans.flat().join('\n')).toMatch(expected);
  });
});

/** The plans of every SELECT `call` ran, without the hot-read rule (a paged list may walk an index in order). */
function listPlans(call: () => unknown): string {
  executed = [];
  call();
  return executed
    .filter((s) => /^\s*SELECT/i.test(s))
    .flatMap(plan)
    .join('\n');
}

// The window's Transactions list: newest first, a page at a time. It walks transactions_by_created backwards
// and stops at the page size (no sort of the whole table); a cursor starts it where the last page ended. A
// part of a reference, an amount or last four digits cannot be searched in a b-tree: they are tested on the
// rows that walk reaches, bounded by the page size, the date range and the terminal or state filters.
const listing: Array<[string, Parameters<Store['transactions']['list']>[0], RegExp]> = [
  ['newest first', { limit: 101, order: 'newest' }, /SCAN transactions USING INDEX transactions_by_created/],
  [
    'newest first past a cursor',
    { limit: 101, order: 'newest', after: { createdAt: '2030-01-01T00:00:00.000Z', id: 'pa1' } },
    /SEARCH transactions USING INDEX transactions_by_created \(\(created_at,id\)<\(\?,\?\)\)/,
  ],
  [
    'a date range',
    { limit: 101, order: 'newest', from: '2030-01-01T00:00:00.000Z', to: '2030-01-02T00:00:00.000Z' },
    /SEARCH transactions USING INDEX transactions_by_created \(created_at>\? AND created_at<\?\)/,
  ],
  [
    'part of a reference, an amount and last four',
    { limit: 101, order: 'newest', referenceContains: 'room', amount: 1_000, last4: '1111' },
    /SCAN transactions USING INDEX transactions_by_created/,
  ],
  [
    'of a terminal, newest first',
    { limit: 101, order: 'newest', terminalId: 'bar' },
    /SEARCH transactions USING INDEX transactions_by_terminal_created \(terminal_id=\?\)/,
  ],
  ['oldest first', { limit: 101, order: 'oldest' }, /SCAN transactions USING INDEX transactions_by_created/],
];

describe('the Transactions list pages through the created_at index', () => {
  it.each(listing)('%s', (_name, filter, expected) => {
    const plans = listPlans(() => store.transactions.list(filter));
    expect(plans).toMatch(expected);
    expect(plans).not.toMatch(/TEMP B-TREE/);
  });
});
