// A simulated two years of traffic on a real SQLite file with a fake clock, through the project's own
// intake, lane step and state writer, with the archive run once a month as the daemon's schedule would:
// the hot database stays at about hot_months of traffic (rows and bytes), and every transaction ever made
// is still found, by id and by reference, exactly once — hot or in one archive.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archiveCutoff, runArchive } from '../../../bridge/engine/archive-run.js';
import { verifyArchiveFile } from '../../../bridge/store/archive-file.js';
import { ArchiveLookup } from '../../../bridge/store/archive-lookup.js';
import { engineRig, type EngineRig } from '../../helpers/engine-rig.js';
import { generateDays, type Made } from '../../helpers/retention-traffic.js';
import { tempDir } from '../../helpers/tmp.js';

let rig: EngineRig;
let tmp: ReturnType<typeof tempDir>;
afterEach(() => {
  rig.close();
  tmp.cleanup();
});

const PER_DAY = 10;
const HOT_MONTHS = 13;

function daysIn(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

function hotCounts(rig: EngineRig) {
  const n = (sql: string) => (rig.store.db.prepare(sql).get() as { n: number }).n;
  return {
    transactions: n('SELECT COUNT(*) AS n FROM transactions'),
    events: n('SELECT COUNT(*) AS n FROM events WHERE transaction_id IS NOT NULL'),
    usedBytes:
      Number(rig.store.db.pragma('page_size', { simple: true })) *
      (Number(rig.store.db.pragma('page_count', { simple: true })) -
        Number(rig.store.db.pragma('freelist_count', { simple: true }))),
    fileBytes:
      Number(rig.store.db.pragma('page_size', { simple: true })) *
      Number(rig.store.db.pragma('page_count', { simple: true })),
  };
}

describe('retention across two simulated years', () => {
  it('keeps the hot database at about 13 months of traffic and every transaction findable exactly once', async () => {
    rig = engineRig();
    tmp = tempDir();
    rig.store.db.pragma('synchronous = NORMAL'); // fsync per commit costs minutes here and proves nothing more
    rig.clock.ms = Date.parse('2025-01-01T00:00:00Z');
    const dir = join(tmp.dir, 'archive');
    const made: Made[] = [];
    const perMonth: Array<ReturnType<typeof hotCounts>> = [];
    for (let month = 0; month < 24; month++) {
      await generateDays(rig, daysIn(rig.clock.ms), PER_DAY, made);
      // The 1st of the next month: the run archives every month older than the 13 before this one.
      const report = await runArchive(rig.store, { dir, hotMonths: HOT_MONTHS, compactAfterMs: 7 * 86_400_000 });
      expect(report.skipped).toBeUndefined();
      if (month >= HOT_MONTHS) expect(report.parts.length).toBe(1);
      else expect(report.parts).toEqual([]);
      perMonth.push(hotCounts(rig));
      // Nothing finished before the cutoff is left hot; nothing after it was taken.
      const cutoff = archiveCutoff(rig.clock.now(), HOT_MONTHS);
      const old = rig.store.db.prepare('SELECT COUNT(*) AS n FROM transactions WHERE created_at < ?').get(cutoff) as {
        n: number;
      };
      expect(old.n).toBe(0);
      const archived = rig.store.db.prepare('SELECT COUNT(*) AS n FROM archived_transactions').get() as { n: number };
      expect(archived.n + perMonth.at(-1)!.transactions).toBe(made.length);
    }
    // Bounded: after the first year the hot rows stay at 13 months of traffic (±1 month for month lengths)…
    const steady = perMonth.slice(HOT_MONTHS);
    for (const c of steady) {
      expect(c.transactions).toBeGreaterThanOrEqual(PER_DAY * (13 * 28));
      expect(c.transactions).toBeLessThanOrEqual(PER_DAY * (13 * 31));
    }
    // …and so do the bytes: freed pages are reused, the file stops growing once archiving begins.
    const atStart = steady[0]!;
    const atEnd = steady.at(-1)!;
    expect(atEnd.usedBytes).toBeLessThan(atStart.usedBytes * 1.15);
    expect(atEnd.fileBytes).toBeLessThan(atStart.fileBytes * 1.25);
    expect(made.length).toBe(PER_DAY * 730);

    // Every transaction is found exactly once: hot, or in the one archive its index names.
    const lookup = new ArchiveLookup(rig.store.archives, dir);
    let hot = 0;
    let inArchive = 0;
    for (const m of made) {
      const h = rig.store.transactions.get(m.id);
      const a = lookup.byId(m.id);
      expect(Boolean(h) !== Boolean(a), m.id).toBe(true);
      const found = h ?? a!.transaction;
      expect(found).toMatchObject({ id: m.id, reference: m.reference, state: m.state });
      if (a) {
        inArchive++;
        expect(a.operations.length).toBeGreaterThan(0);
        expect(a.attempts.length).toBe(a.operations.length);
      } else hot++;
    }
    expect(inArchive).toBeGreaterThan(made.length / 3);
    expect(hot).toBe(atEnd.transactions);
    // By reference, through the index (a sample across both years).
    for (const m of made.filter((_, i) => i % 97 === 0)) {
      const viaRef =
        rig.store.transactions.byReference('t1', m.reference) ?? lookup.byReference(m.reference, 't1')[0]?.transaction;
      expect(viaRef?.id).toBe(m.id);
    }
    // Each archive file is read-only, and verifies against the checksum the hot database recorded.
    for (const r of rig.store.archives.list()) {
      const v = await verifyArchiveFile(join(dir, r.file), {
        sha256: r.sha256,
        counts: { transactions: r.transactions, operations: r.operations, attempts: r.attempts, events: r.events },
      });
      expect(v).toMatchObject({ ok: true });
    }
  }, 240_000);
});
