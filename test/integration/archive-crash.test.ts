// The archive run killed (SIGKILL, as a power cut) at each of its named points, as the real `posbridge
// archive run` child process, moving 20 transactions per chunk: nothing is lost and nothing duplicated.
// Killed before its archive is recorded, every row is still hot and the next run discards the file; killed
// after, the file is kept and every transaction is either hot or indexed to it, its rows unchanged in
// whichever place, and `posbridge archive search` finds each exactly once, by id and by reference; the
// next run finishes the part. Either way each transaction ends archived exactly once, its rows unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../native/sqlite.js';
import { contentDigest, digestOf, fillPick } from '../../bridge/store/archive-file.js';
import { ARCHIVE_CRASH_POINTS } from '../../bridge/engine/archive-run.js';
import { engineRig } from '../helpers/engine-rig.js';
import { BIN, writeConfig } from '../helpers/child.js';
import { generateDays, type Made } from '../helpers/retention-traffic.js';
import { tempDir } from '../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  tmp?.cleanup();
  tmp = undefined;
});

/** Three months of traffic in 2024 (older than any 13-month window now), written where `posbridge` looks. */
async function oldTraffic(dataDir: string): Promise<Made[]> {
  const rig = engineRig();
  try {
    rig.store.db.pragma('synchronous = NORMAL');
    rig.clock.ms = Date.parse('2024-03-01T00:00:00Z');
    const made: Made[] = [];
    await generateDays(rig, 92, 3, made);
    rig.store.db.prepare('VACUUM INTO ?').run(join(dataDir, 'posbridge.sqlite'));
    rig.store.db.prepare('VACUUM INTO ?').run(join(dataDir, 'original.sqlite'));
    return made;
  } finally {
    rig.close();
  }
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, POSBRIDGE_TEST_ARCHIVE_CRASH_AT: '', ...env },
    timeout: 60_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every hot row of every transaction, as one digest (the archive's own content digest over all ids). */
function hotState(dataDir: string) {
  const db = openDatabase(join(dataDir, 'posbridge.sqlite'));
  try {
    const ids = (db.prepare('SELECT id FROM transactions').all() as Array<{ id: string }>).map((r) => r.id);
    fillPick(db, ids);
    const archived = db.prepare('SELECT COUNT(*) AS n FROM archived_transactions').get() as { n: number };
    const archives = db.prepare('SELECT COUNT(*) AS n FROM archives').get() as { n: number };
    return { ...contentDigest(db, 'main', true), archived: archived.n, archives: archives.n };
  } finally {
    db.close();
  }
}

/** The ids of the hot transactions and of the indexed (archived) ones, and each side's rows as a digest. */
function split(dataDir: string) {
  const db = openDatabase(join(dataDir, 'posbridge.sqlite'));
  try {
    const hot = db.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as string[];
    const archived = db
      .prepare('SELECT transaction_id FROM archived_transactions ORDER BY 1')
      .pluck()
      .all() as string[];
    const files = db.prepare('SELECT file FROM archives ORDER BY id').pluck().all() as string[];
    return { hot, archived, files, hotDigest: digestOf(db, hot) };
  } finally {
    db.close();
  }
}

/** The digest of transactions `ids` as they were before any run (a copy of the database made then). */
function original(dataDir: string, ids: readonly string[]) {
  const db = openDatabase(join(dataDir, 'original.sqlite'));
  try {
    return digestOf(db, ids);
  } finally {
    db.close();
  }
}

/** The ids in an archive file, and their rows' digest. */
function inFile(dataDir: string, file: string) {
  const db = openDatabase(join(dataDir, 'archive', file), { readonly: true });
  try {
    const ids = db.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as string[];
    return { ids, digest: digestOf(db, ids) };
  } finally {
    db.close();
  }
}

/** `posbridge archive search` by id and by reference: the ids found and whether each was archived. */
function search(dataDir: string, m: Made) {
  const parse = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; reference: string; state: string; archived: boolean });
  const byId = parse(cli(['archive', 'search', '--data-dir', dataDir, '--id', m.id]).stdout);
  const byRef = parse(
    cli(['archive', 'search', '--data-dir', dataDir, '--reference', m.reference, '--terminal', 't1']).stdout,
  );
  return { byId, byRef };
}

const BEFORE_RECORD = ['file_written', 'verified'] as const;
const AFTER_RECORD = ['recorded', 'in_delete', 'between_chunks'] as const;

describe('posbridge archive run, killed at each named point', () => {
  it('names every crash point it is killed at', () => {
    expect([...BEFORE_RECORD, ...AFTER_RECORD].sort()).toEqual([...ARCHIVE_CRASH_POINTS].sort());
  });

  for (const point of [...BEFORE_RECORD, ...AFTER_RECORD]) {
    it(`loses and duplicates nothing when killed at ${point}`, async () => {
      const t = (tmp = tempDir());
      const made = await oldTraffic(t.dir);
      const config = writeConfig(t.dir, { retention: { chunk_transactions: 20 } });
      const run = (env: NodeJS.ProcessEnv = {}) =>
        cli(['archive', 'run', '--data-dir', t.dir, '--config', config], env);
      const before = hotState(t.dir);
      expect(before.counts.transactions).toBe(made.length);
      const allIds = made.map((m) => m.id).sort();

      const killed = run({ POSBRIDGE_TEST_ARCHIVE_CRASH_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      expect(readdirSync(join(t.dir, 'archive')).filter((f) => f.endsWith('.sqlite'))).toEqual([
        'posbridge-2024-03-p001.sqlite',
      ]);
      const mid = split(t.dir);
      if ((BEFORE_RECORD as readonly string[]).includes(point)) {
        // Every row still hot, unchanged; no archive recorded (the file on disk is recorded nowhere).
        expect(hotState(t.dir)).toEqual(before);
      } else {
        // The file is recorded; each transaction is hot or indexed, never both, never neither.
        expect(mid.files).toEqual(['posbridge-2024-03-p001.sqlite']);
        expect(mid.archived).toHaveLength(point === 'between_chunks' ? 20 : 0);
        expect([...mid.hot, ...mid.archived].sort()).toEqual(allIds);
        expect(mid.hotDigest).toEqual(original(t.dir, mid.hot));
        const file = inFile(t.dir, mid.files[0]!);
        expect(mid.archived.every((id) => file.ids.includes(id))).toBe(true);
        // Both sides of the split are found once each, hot ones as hot, archived ones from the file.
        const archivedOne = made.find((m) => mid.archived.includes(m.id));
        const hotOne = made.find((m) => file.ids.includes(m.id) && mid.hot.includes(m.id))!;
        for (const m of archivedOne ? [archivedOne, hotOne] : [hotOne]) {
          const found = search(t.dir, m);
          const archived = mid.archived.includes(m.id);
          expect(found.byId).toEqual([expect.objectContaining({ id: m.id, state: m.state, archived })]);
          expect(found.byRef).toEqual([expect.objectContaining({ id: m.id, archived })]);
        }
      }

      const done = run();
      expect(done.status, done.stderr).toBe(0);
      const report = JSON.parse(done.stdout) as {
        parts: Array<{ file: string; month: string; complete: boolean }>;
        discarded: string[];
        finished: string[];
      };
      if ((BEFORE_RECORD as readonly string[]).includes(point)) {
        expect(report.discarded).toEqual(['posbridge-2024-03-p001.sqlite']);
        expect(report.finished).toEqual([]);
        expect(report.parts.map((p) => p.month)).toEqual(['2024-03', '2024-04', '2024-05']);
      } else {
        expect(report.discarded).toEqual([]);
        expect(report.finished).toEqual(['posbridge-2024-03-p001.sqlite']);
        expect(report.parts.map((p) => p.month)).toEqual(['2024-04', '2024-05']);
      }
      expect(report.parts.every((p) => p.complete)).toBe(true);
      const after = hotState(t.dir);
      expect(after.counts).toEqual({ transactions: 0, operations: 0, attempts: 0, events: 0 });
      expect(after.archived).toBe(made.length);
      expect(after.archives).toBe(3);
      // The files that remain are exactly the recorded ones, read-only, each holding its transactions'
      // rows exactly as they were; together every transaction once.
      const files = readdirSync(join(t.dir, 'archive')).filter((f) => f.endsWith('.sqlite'));
      expect(files.sort()).toEqual(split(t.dir).files.sort());
      const held: string[] = [];
      for (const f of files) {
        expect(statSync(join(t.dir, 'archive', f)).mode & 0o777).toBe(0o400);
        const file = inFile(t.dir, f);
        expect(file.digest).toEqual(original(t.dir, file.ids));
        held.push(...file.ids);
      }
      expect(held.sort()).toEqual(allIds);
      expect(existsSync(join(t.dir, 'archive', '.archive.lock'))).toBe(false);

      // Re-running changes nothing.
      const again = run();
      expect(JSON.parse(again.stdout)).toMatchObject({ parts: [], discarded: [], finished: [] });

      // Found by id and by reference, once each, marked archived.
      for (const m of [made[0]!, made[made.length - 1]!]) {
        const found = search(t.dir, m);
        expect(found.byId).toEqual([
          expect.objectContaining({ id: m.id, reference: m.reference, state: m.state, archived: true }),
        ]);
        expect(found.byRef.map((f) => f.id)).toEqual([m.id]);
      }
      expect(cli(['archive', 'search', '--data-dir', t.dir, '--reference', 'nope']).status).toBe(1);
    }, 120_000);
  }
});
