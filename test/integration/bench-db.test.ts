// The bench database holds exactly what the project writes: each generated transaction is a recorded
// real run (db-template.ts) with only its ids, reference, terminal and times changed, and today's
// repositories and API presentation read it back.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomIds, systemClock } from '../../bridge/core/clock.js';
import { openStore } from '../../bridge/store/store.js';
import { generate, referenceOf, terminalId, TERMINALS } from '../bench/harness/db-generator.js';
import { recordTemplates } from '../bench/harness/db-template.js';
import { tempDir } from '../helpers/tmp.js';

const CHANGED = new Set(['id', 'transaction_id', 'operation_id', 'terminal_id', 'reference', 'idempotency_key']);

describe('the generated bench database', () => {
  it('copies real runs row for row, and the repositories find every transaction', async () => {
    const templates = await recordTemplates();
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'bench.sqlite');
      const count = 100;
      generate(file, count, templates);
      const store = openStore(file, systemClock, randomIds);
      try {
        const rows = (table: string) =>
          (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        expect(rows('transactions')).toBe(count);
        const capture = templates[0]!;
        const tx = store.transactions.byReference(terminalId(0), referenceOf(0))!;
        expect(tx).toBeDefined();
        // Same columns and values as the recorded run, but for ids, names and times.
        for (const [column, value] of Object.entries(capture.transaction)) {
          if (CHANGED.has(column) || column.endsWith('_at') || column.startsWith('provider_ref')) continue;
          expect((tx as unknown as Record<string, unknown>)[column], column).toEqual(value);
        }
        const ops = store.operations.byTransaction(tx.id);
        expect(ops.map((o) => [o.kind, o.state])).toEqual(capture.operations.map((o) => [o.kind, o.state]));
        expect(ops.flatMap((o) => store.attempts.forOperation(o.id)).map((a) => a.outcome_kind)).toEqual(
          capture.attempts.map((a) => a.outcome_kind),
        );
        const events = store.db.prepare('SELECT type FROM events WHERE transaction_id = ? ORDER BY seq').all(tx.id);
        expect(events).toEqual(capture.events.map((e) => ({ type: e.type })));
        for (let i = 0; i < count; i++) {
          expect(store.transactions.byReference(terminalId(i % TERMINALS), referenceOf(i)), `#${i}`).toBeDefined();
        }
        expect(String(store.db.pragma('integrity_check', { simple: true }))).toBe('ok');
      } finally {
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
