// An end of day cut off by a stop: at the next start its run is 'unknown' (raised as an event), never left
// 'running' and never taken as closed or failed; a closed run is left as it is.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb } from '../../../native/sqlite.js';
import { randomIds } from '../../../bridge/core/clock.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { Store } from '../../../bridge/store/store.js';
import { dayRepos } from '../../../bridge/store/day-repos.js';
import { closeInterruptedRuns } from '../../../bridge/terminals/zvt/end-of-day-run.js';
import { tempDir } from '../../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
let db: SqliteDb;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'eod.sqlite'));
  migrate(db, MIGRATIONS);
  store = new Store(db, { now: () => Date.parse('2026-12-01T20:00:00Z') }, randomIds);
  db.prepare(
    `INSERT INTO terminals (id, provider, name, created_at, updated_at) VALUES ('lane-1', 'zvt', 'Lane 1', 'x', 'x')`,
  ).run();
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('closeInterruptedRuns', () => {
  it("turns a run left 'running' into 'unknown' and raises it; a finished run stays as it was", () => {
    const { runs } = dayRepos(store);
    const done = store.write((w) => runs.start('lane-1', w.at, 'api'));
    store.write((w) =>
      runs.finish(
        done,
        {
          outcome: 'closed',
          resultCode: 0,
          message: 'ok',
          receipt: '',
          comparedSince: null,
          ours: [],
          differences: [],
        },
        w.at,
      ),
    );
    const cut = store.write((w) => runs.start('lane-1', w.at, 'status window'));
    expect(closeInterruptedRuns(store)).toBe(1);
    expect(runs.get(cut)).toMatchObject({ outcome: 'unknown', finished_at: '2026-12-01T20:00:00.000Z' });
    expect(runs.get(cut)!.message).toMatch(/not known/);
    expect(runs.get(done)!.outcome).toBe('closed');
    expect(store.events.since(0).filter((e) => e.type === 'terminal.end_of_day')).toEqual([
      expect.objectContaining({ terminal_id: 'lane-1', data: { run_id: cut, outcome: 'unknown', interrupted: true } }),
    ]);
    expect(closeInterruptedRuns(store)).toBe(0);
  });
});
