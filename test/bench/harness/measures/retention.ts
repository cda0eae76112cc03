// Retention figures: months of generated traffic through the project's own intake, lane step and state
// writer (fake clock, real SQLite file), then one archive run of the three oldest months. Reports the hot
// database's size without archiving, its live size after, the time the run takes per month, an archive
// file's size per month, the longest the run held the event loop (what a POS request would wait for),
// the run's heap growth, and the hot file's size and free pages after the run and after the next month's
// traffic (whether freed pages are reused). RETENTION_BENCH_PER_DAY (default 20) sets the traffic;
// RETENTION_BENCH_MONTHS (default 16, at least 4) the months generated: the hot window is three fewer, so
// three months are archived either way (fewer months make 1,000/day quick to generate).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runArchive } from '../../../../bridge/engine/archive-run.js';
import { engineRig } from '../../../helpers/engine-rig.js';
import { generateDays, type Made } from '../../../helpers/retention-traffic.js';
import { tempDir } from '../../../helpers/tmp.js';
import type { BenchRow, Measure } from '../measure.js';

const PER_DAY = Number(process.env.RETENTION_BENCH_PER_DAY ?? 20);
const MONTHS = Math.max(4, Number(process.env.RETENTION_BENCH_MONTHS ?? 16));
const HOT_MONTHS = MONTHS - 3;

export const measure: Measure = async () => {
  const rig = engineRig();
  const tmp = tempDir();
  try {
    rig.store.db.pragma('synchronous = NORMAL');
    rig.clock.ms = Date.parse('2025-01-01T00:00:00Z');
    const made: Made[] = [];
    const month = async () => {
      const d = new Date(rig.clock.ms);
      const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      await generateDays(rig, days, PER_DAY, made);
    };
    for (let m = 0; m < MONTHS; m++) await month();
    const pages = () => {
      rig.store.db.pragma('wal_checkpoint(TRUNCATE)');
      return {
        page: Number(rig.store.db.pragma('page_size', { simple: true })),
        count: Number(rig.store.db.pragma('page_count', { simple: true })),
        free: Number(rig.store.db.pragma('freelist_count', { simple: true })),
        bytes: statSync(rig.store.db.name).size,
      };
    };
    const before = pages();
    const generated = made.length;
    const dir = join(tmp.dir, 'archive');
    // The longest the run kept the event loop from turning: a 1 ms timer's lateness (its max), and the
    // histogram of Node's own event-loop delay monitor.
    const loop = monitorEventLoopDelay({ resolution: 1 });
    // The CPU the process used in its busiest 1 ms-timer gap separates the run's own work from waiting
    // (I/O inside a synchronous commit, or a shared machine not scheduling it).
    let longestGap = 0;
    let busiestGap = 0;
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    const ticker = setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage(lastCpu);
      lastCpu = process.cpuUsage();
      longestGap = Math.max(longestGap, now - last);
      busiestGap = Math.max(busiestGap, (cpu.user + cpu.system) / 1000);
      last = now;
    }, 1);
    let heapPeak = 0;
    const heapBase = process.memoryUsage().heapUsed;
    const heapTicker = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBase)), 5);
    loop.enable();
    const started = performance.now();
    const report = await runArchive(rig.store, { dir, hotMonths: HOT_MONTHS, compactAfterMs: 7 * 86_400_000 });
    const ms = performance.now() - started;
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    loop.disable();
    clearInterval(ticker);
    clearInterval(heapTicker);
    const after = pages();
    const months = new Set(report.parts.map((p) => p.month)).size;
    const perMonth = report.parts.filter((p) => p.month === report.parts[0]!.month);
    const fileBytes = perMonth.reduce((s, p) => s + statSync(join(dir, p.file)).size, 0);
    const monthTx = perMonth.reduce((s, p) => s + p.counts.transactions, 0);
    const monthEvents = perMonth.reduce((s, p) => s + p.counts.events, 0);
    await month();
    const nextMonth = pages();
    const note = `${PER_DAY}/day, ${generated} transactions over ${MONTHS} months; ${months} months archived`;
    const tag = `${PER_DAY}/day`;
    const rows: BenchRow[] = [
      {
        group: 'retention',
        name: `hot db, ${MONTHS} months, no archiving`,
        value: (before.page * before.count) / 1e6,
        unit: 'MB',
        note,
      },
      {
        group: 'retention',
        name: `hot db live after archiving (${HOT_MONTHS} months kept)`,
        value: (after.page * (after.count - after.free)) / 1e6,
        unit: 'MB',
      },
      {
        group: 'retention',
        name: 'bytes per finished transaction (hot, before)',
        value: (before.page * before.count) / generated,
        unit: 'B',
      },
      {
        group: 'retention',
        name: 'archive run per month',
        value: ms / months,
        unit: 'ms',
        note: `${monthTx} transactions, ${monthEvents} events a month in ${perMonth.length} part(s)`,
      },
      { group: 'retention', name: 'archive file(s) per month', value: fileBytes / 1e6, unit: 'MB' },
      {
        group: 'retention',
        name: `archive run: longest event-loop pause (${tag})`,
        value: longestGap,
        unit: 'ms',
        note: `event-loop delay monitor: max ${(loop.max / 1e6).toFixed(1)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms`,
      },
      {
        group: 'retention',
        name: `archive run: most CPU in one event-loop pause (${tag})`,
        value: busiestGap,
        unit: 'ms',
      },
      { group: 'retention', name: `archive run: heap growth, peak (${tag})`, value: heapPeak / 1e6, unit: 'MB' },
      {
        group: 'retention',
        name: `hot file after the run (${tag})`,
        value: after.bytes / 1e6,
        unit: 'MB',
        note: `${after.free} of ${after.count} pages free (${((100 * after.free) / after.count).toFixed(0)} %); before the run ${(before.bytes / 1e6).toFixed(1)} MB`,
      },
      {
        group: 'retention',
        name: `hot file after the next month's traffic (${tag})`,
        value: nextMonth.bytes / 1e6,
        unit: 'MB',
        note: `${nextMonth.free} of ${nextMonth.count} pages free (${((100 * nextMonth.free) / nextMonth.count).toFixed(0)} %)`,
      },
    ];
    return rows;
  } finally {
    rig.close();
    tmp.cleanup();
  }
};
