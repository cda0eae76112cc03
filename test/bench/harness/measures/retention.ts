// Retention figures: 16 months of generated traffic through the project's own intake, lane step and state
// writer (fake clock, real SQLite file), then one archive run. Reports the hot database's size without
// archiving, its live size after, the time the run takes per month, and an archive file's size per month.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runArchive } from '../../../../bridge/engine/archive-run.js';
import { engineRig } from '../../../helpers/engine-rig.js';
import { generateDays, type Made } from '../../../helpers/retention-traffic.js';
import { tempDir } from '../../../helpers/tmp.js';
import type { BenchRow, Measure } from '../measure.js';

const PER_DAY = Number(process.env.RETENTION_BENCH_PER_DAY ?? 20);
const MONTHS = 16;

export const measure: Measure = async () => {
  const rig = engineRig();
  const tmp = tempDir();
  try {
    rig.store.db.pragma('synchronous = NORMAL');
    rig.clock.ms = Date.parse('2025-01-01T00:00:00Z');
    const made: Made[] = [];
    for (let m = 0; m < MONTHS; m++) {
      const d = new Date(rig.clock.ms);
      await generateDays(
        rig,
        new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
        PER_DAY,
        made,
      );
    }
    const pages = () => ({
      page: Number(rig.store.db.pragma('page_size', { simple: true })),
      count: Number(rig.store.db.pragma('page_count', { simple: true })),
      free: Number(rig.store.db.pragma('freelist_count', { simple: true })),
    });
    const before = pages();
    const started = performance.now();
    const dir = join(tmp.dir, 'archive');
    const report = await runArchive(rig.store, { dir, hotMonths: 13, compactAfterMs: 7 * 86_400_000 });
    const ms = performance.now() - started;
    const after = pages();
    const months = report.parts.length;
    const perMonth = report.parts[0]!;
    const fileBytes = statSync(join(dir, perMonth.file)).size;
    const note = `${PER_DAY}/day, ${made.length} transactions over ${MONTHS} months; ${months} months archived`;
    const rows: BenchRow[] = [
      {
        group: 'retention',
        name: 'hot db, 16 months, no archiving',
        value: (before.page * before.count) / 1e6,
        unit: 'MB',
        note,
      },
      {
        group: 'retention',
        name: 'hot db live after archiving (13 months kept)',
        value: (after.page * (after.count - after.free)) / 1e6,
        unit: 'MB',
      },
      {
        group: 'retention',
        name: 'bytes per finished transaction (hot, before)',
        value: (before.page * before.count) / made.length,
        unit: 'B',
      },
      {
        group: 'retention',
        name: 'archive run per month',
        value: ms / months,
        unit: 'ms',
        note: `${perMonth.counts.transactions} transactions, ${perMonth.counts.events} events a month`,
      },
      { group: 'retention', name: 'archive file per month', value: fileBytes / 1e6, unit: 'MB' },
    ];
    return rows;
  } finally {
    rig.close();
    tmp.cleanup();
  }
};
