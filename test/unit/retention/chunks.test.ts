// The archive run in parts and chunks, on a real SQLite file with a fake clock: a month with more than
// max_per_part transactions becomes several parts, and the hot side moves chunk_transactions at a time
// with the event loop turning between chunks. Sampled from the event loop while the run goes on, every
// transaction is found exactly once at every turn — hot, or through the index in its archive file — and
// the hot and indexed counts always add up. The two settings are in the config, validated, with defaults.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../bridge/config/load.js';
import { DEFAULT_CHUNK, DEFAULT_MAX_PER_PART, runArchive } from '../../../bridge/engine/archive-run.js';
import { ArchiveLookup } from '../../../bridge/store/archive-lookup.js';
import { engineRig, type EngineRig } from '../../helpers/engine-rig.js';
import { generateDays, type Made } from '../../helpers/retention-traffic.js';
import { tempDir } from '../../helpers/tmp.js';

let rig: EngineRig | undefined;
let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  rig?.close();
  tmp?.cleanup();
  rig = tmp = undefined;
});

describe('retention settings', () => {
  it('default max_per_part and chunk_transactions to the run’s own defaults', () => {
    const { retention } = parseConfig({});
    expect(retention.max_per_part).toBe(DEFAULT_MAX_PER_PART);
    expect(retention.chunk_transactions).toBe(DEFAULT_CHUNK);
    expect(parseConfig({ retention: { max_per_part: 100, chunk_transactions: 1 } }).retention).toMatchObject({
      max_per_part: 100,
      chunk_transactions: 1,
    });
  });

  it('refuses a part or a chunk out of range', () => {
    for (const retention of [{ max_per_part: 99 }, { chunk_transactions: 0 }, { chunk_transactions: 10_001 }])
      expect(() => parseConfig({ retention })).toThrow(ConfigError);
  });
});

describe('the archive run in parts and chunks', () => {
  it('splits a month into parts, moves chunks with the event loop turning, each transaction found once', async () => {
    const r = (rig = engineRig());
    const t = (tmp = tempDir());
    r.clock.ms = Date.parse('2024-03-01T00:00:00Z');
    const made: Made[] = [];
    await generateDays(r, 31, 3, made); // 93 transactions in March 2024
    r.clock.ms = Date.parse('2026-12-01T10:00:00Z');
    const dir = join(t.dir, 'archive');
    const lookup = new ArchiveLookup(r.store.archives, dir);
    const count = (sql: string) => r.store.db.prepare(sql).pluck().get() as number;

    const seen: number[] = [];
    const problems: string[] = [];
    let sampling = true;
    const sample = () => {
      if (!sampling) return;
      const hot = count('SELECT COUNT(*) FROM transactions');
      const archived = count('SELECT COUNT(*) FROM archived_transactions');
      if (hot + archived !== made.length) problems.push(`${hot} hot + ${archived} archived`);
      for (const m of [made[0]!, made[46]!, made[92]!]) {
        const inHot = r.store.transactions.get(m.id) !== undefined;
        if (inHot === lookup.has(m.id)) problems.push(`${m.id}: hot ${inHot}, indexed ${lookup.has(m.id)}`);
        if (!inHot && lookup.byId(m.id)?.transaction.reference !== m.reference) problems.push(`${m.id} not read`);
      }
      if (seen.at(-1) !== archived) seen.push(archived);
      setImmediate(sample);
    };
    setImmediate(sample);
    const report = await runArchive(r.store, {
      dir,
      hotMonths: 13,
      compactAfterMs: 7 * 86_400_000,
      maxPerPart: 40,
      chunk: 7,
    });
    sampling = false;
    expect(problems).toEqual([]);

    expect(report.parts.map((p) => [p.file, p.counts.transactions, p.complete])).toEqual([
      ['posbridge-2024-03-p001.sqlite', 40, true],
      ['posbridge-2024-03-p002.sqlite', 40, true],
      ['posbridge-2024-03-p003.sqlite', 13, true],
    ]);
    expect(count('SELECT COUNT(*) FROM transactions')).toBe(0);
    expect(count('SELECT COUNT(*) FROM archived_transactions')).toBe(made.length);
    // The loop turned after every chunk: the indexed count was seen at each chunk's end.
    const ends = [7, 14, 21, 28, 35, 40, 47, 54, 61, 68, 75, 80, 87, 93];
    expect(ends.every((n) => seen.includes(n))).toBe(true);
    expect(seen[0]).toBe(0);
  });

  it('stops between chunks when asked (the daemon stopping), and the next run finishes the part', async () => {
    const r = (rig = engineRig());
    const t = (tmp = tempDir());
    r.clock.ms = Date.parse('2024-03-01T00:00:00Z');
    const made: Made[] = [];
    await generateDays(r, 10, 3, made);
    r.clock.ms = Date.parse('2026-12-01T10:00:00Z');
    const dir = join(t.dir, 'archive');
    const count = (sql: string) => r.store.db.prepare(sql).pluck().get() as number;
    const stop = new AbortController();
    const opts = { dir, hotMonths: 13, compactAfterMs: 7 * 86_400_000, chunk: 5 };
    const first = await runArchive(r.store, {
      ...opts,
      signal: stop.signal,
      crash: (point) => point === 'between_chunks' && stop.abort(),
    });
    expect(first).toMatchObject({ stopped: true, parts: [] });
    expect(count('SELECT COUNT(*) FROM archived_transactions')).toBe(5);
    expect(count('SELECT COUNT(*) FROM transactions')).toBe(made.length - 5);

    const next = await runArchive(r.store, opts);
    expect(next).toMatchObject({ finished: ['posbridge-2024-03-p001.sqlite'], parts: [], discarded: [] });
    expect(next.stopped).toBeUndefined();
    expect(count('SELECT COUNT(*) FROM archived_transactions')).toBe(made.length);
    expect(count('SELECT COUNT(*) FROM transactions')).toBe(0);
  });
});
