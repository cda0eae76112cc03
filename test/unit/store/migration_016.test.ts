// Migration 016: a schema-15 database gains operations.requested_by and answered_open_at (old rows keep
// null: nobody recorded who asked), and the partial index that GET /v1/attention reads.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

const columns = () => (db.prepare('PRAGMA table_info(operations)').all() as Array<{ name: string }>).map((c) => c.name);

describe('migration 016', () => {
  it('adds who asked and when the caller was answered open, keeping older operations as they were', () => {
    migrate(db, MIGRATIONS, 15);
    expect(columns()).not.toContain('requested_by');
    // Rows of an older version, written without the terminal row their keys point to: the test is of columns.
    db.exec('PRAGMA foreign_keys = OFF');
    db.exec(`INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, currency,
               amount_requested, state, created_at, updated_at)
             VALUES ('t1', 'bar', 'payroc', 'r1', 'f', 'EUR', 100, 'authorized', '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')`);
    db.exec(`INSERT INTO operations (id, transaction_id, terminal_id, kind, state, request_fingerprint, idempotency_key,
               max_attempts, next_attempt_at, created_at, updated_at)
             VALUES ('o1', 't1', 'bar', 'void', 'failed', 'f', 'k', 3, 0, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')`);
    expect(migrate(db, MIGRATIONS, 16)).toBe(16);
    expect(columns()).toEqual(expect.arrayContaining(['requested_by', 'answered_open_at']));
    expect(db.prepare('SELECT requested_by, answered_open_at FROM operations').get()).toEqual({
      requested_by: null,
      answered_open_at: null,
    });
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM operations WHERE answered_open_at IS NOT NULL AND state = 'failed'
           ORDER BY finished_at DESC, seq DESC LIMIT 5`,
        )
        .all() as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/INDEX operations_failed_after_answer/);
  });
});
