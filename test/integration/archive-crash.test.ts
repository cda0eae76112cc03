// The archive run killed (SIGKILL, as a power cut) at each of its named points, as the real `posbridge
// archive run` child process: nothing is lost and nothing duplicated. After the crash every row is still
// hot and no archive is recorded; the next run discards what the crashed one left and archives each
// transaction exactly once. Then `posbridge archive search` finds them by id and by reference.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../native/sqlite.js';
import { contentDigest, fillPick } from '../../bridge/store/archive-file.js';
import { engineRig } from '../helpers/engine-rig.js';
import { BIN } from '../helpers/child.js';
import { generateDays, type Made } from '../helpers/retention-traffic.js';
import { tempDir } from '../helpers/tmp.js';

let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp.cleanup());

/** Three months of traffic in 2024 (older than any 13-month window now), written where `posbridge` looks. */
async function oldTraffic(dataDir: string): Promise<Made[]> {
  const rig = engineRig();
  try {
    rig.store.db.pragma('synchronous = NORMAL');
    rig.clock.ms = Date.parse('2024-03-01T00:00:00Z');
    const made: Made[] = [];
    await generateDays(rig, 92, 3, made);
    rig.store.db.prepare('VACUUM INTO ?').run(join(dataDir, 'posbridge.sqlite'));
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

describe('posbridge archive run, killed at each named point', () => {
  for (const point of ['file_written', 'verified', 'in_delete'] as const) {
    it(`loses and duplicates nothing when killed at ${point}`, async () => {
      tmp = tempDir();
      const made = await oldTraffic(tmp.dir);
      const before = hotState(tmp.dir);
      expect(before.counts.transactions).toBe(made.length);

      const killed = cli(['archive', 'run', '--data-dir', tmp.dir], { POSBRIDGE_TEST_ARCHIVE_CRASH_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      // Every row still hot, unchanged; no archive recorded (the file on disk is recorded nowhere).
      expect(hotState(tmp.dir)).toEqual(before);
      expect(readdirSync(join(tmp.dir, 'archive')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);

      const done = cli(['archive', 'run', '--data-dir', tmp.dir]);
      expect(done.status, done.stderr).toBe(0);
      const report = JSON.parse(done.stdout) as { parts: Array<{ file: string; month: string }>; discarded: string[] };
      expect(report.discarded).toEqual(['posbridge-2024-03-p001.sqlite']);
      expect(report.parts.map((p) => p.month)).toEqual(['2024-03', '2024-04', '2024-05']);
      const after = hotState(tmp.dir);
      expect(after.counts).toEqual({ transactions: 0, operations: 0, attempts: 0, events: 0 });
      expect(after.archived).toBe(made.length);
      expect(after.archives).toBe(3);
      // The files that remain are exactly the recorded ones, read-only.
      const files = readdirSync(join(tmp.dir, 'archive')).filter((f) => f.endsWith('.sqlite'));
      expect(files.sort()).toEqual(report.parts.map((p) => p.file).sort());
      for (const f of files) expect(statSync(join(tmp.dir, 'archive', f)).mode & 0o777).toBe(0o400);
      expect(existsSync(join(tmp.dir, 'archive', '.archive.lock'))).toBe(false);

      // Re-running changes nothing.
      const again = cli(['archive', 'run', '--data-dir', tmp.dir]);
      expect(JSON.parse(again.stdout)).toMatchObject({ parts: [], discarded: [] });

      // Found by id and by reference, once each, marked archived.
      for (const m of [made[0]!, made[made.length - 1]!]) {
        const byId = cli(['archive', 'search', '--data-dir', tmp.dir, '--id', m.id]);
        expect(byId.status).toBe(0);
        const lines = byId.stdout.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(JSON.parse(lines[0]!)).toMatchObject({
          id: m.id,
          reference: m.reference,
          state: m.state,
          archived: true,
        });
        const byRef = cli(['archive', 'search', '--data-dir', tmp.dir, '--reference', m.reference, '--terminal', 't1']);
        expect(
          byRef.stdout
            .trim()
            .split('\n')
            .map((l) => (JSON.parse(l) as { id: string }).id),
        ).toEqual([m.id]);
      }
      expect(cli(['archive', 'search', '--data-dir', tmp.dir, '--reference', 'nope']).status).toBe(1);
    }, 120_000);
  }
});
