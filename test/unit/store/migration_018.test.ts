// Migration 018: a schema-17 database gains the reconciliation tables; a run is recorded with its sources
// and differences and read back by day; kinds and statuses outside the lists are refused by the schema.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { ReconciliationRepo, type RunRecord } from '../../../bridge/store/reconciliations.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const run: RunRecord = {
  id: 'run-1',
  day: '2026-12-01',
  timeZone: 'Europe/Berlin',
  from: '2026-11-30T23:00:00.000Z',
  to: '2026-12-01T23:00:00.000Z',
  provider: null,
  requestedBy: 'status window',
  startedAt: '2026-12-01T18:00:00.000Z',
  finishedAt: '2026-12-01T18:00:02.000Z',
  sources: [
    { provider: 'blink', status: 'could_not_check', payments: 2, checked: 0, differences: 0, why: 'answered 500' },
    { provider: 'payroc', status: 'differences', payments: 3, checked: 3, differences: 1, why: null },
  ],
  differences: [
    {
      provider: 'payroc',
      kind: 'amount_differs',
      field: 'authorized',
      transactionId: 'pa1',
      providerRef: 'P1',
      ours: { authorized: 100 },
      theirs: { authorized: 110 },
    },
  ],
};

describe('migration 018', () => {
  it('adds the reconciliation tables to a schema-17 database', () => {
    migrate(db, MIGRATIONS, 17);
    const tables = () =>
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'reconciliation_%' ORDER BY name`)
        .pluck()
        .all();
    expect(tables()).toEqual([]);
    expect(migrate(db, MIGRATIONS, 18)).toBe(18);
    expect(tables()).toEqual(['reconciliation_differences', 'reconciliation_runs', 'reconciliation_sources']);
  });

  it('records a run and reads it back by day, newest first', () => {
    migrate(db, MIGRATIONS, 18);
    const repo = new ReconciliationRepo(db);
    repo.record(run);
    repo.record({ ...run, id: 'run-2', startedAt: '2026-12-01T19:00:00.000Z', differences: [] });
    const [newest, older] = repo.forDay('2026-12-01');
    expect(newest!.id).toBe('run-2');
    expect(older).toEqual(run);
    expect(repo.forDay('2026-12-02')).toEqual([]);
  });

  it('refuses a status or kind outside the lists', () => {
    migrate(db, MIGRATIONS, 18);
    const repo = new ReconciliationRepo(db);
    expect(() =>
      repo.record({ ...run, sources: [{ ...run.sources[0]!, status: 'fine' as 'checked' }], differences: [] }),
    ).toThrow(/CHECK/);
    expect(() =>
      repo.record({ ...run, id: 'run-3', differences: [{ ...run.differences[0]!, kind: 'fixed' }] }),
    ).toThrow(/CHECK/);
  });
});
