// One archive run: finished transactions older than the hot window move, per calendar month, to a new
// archive file, and attempts of long-finished operations are compacted. The steps are ordered so that a
// crash (SIGKILL, power cut) anywhere loses nothing and duplicates nothing:
//   1. rows are copied to `<file>.tmp` in one read snapshot, committed with synchronous=FULL, fsync'd;
//   2. renamed to its final name, made read-only (0400), the directory fsync'd      ← crash: file_written
//   3. re-opened read-only; its digest and counts are checked against its manifest  ← crash: verified
//   4. one hot SQLite transaction: the hot rows' digest must equal the file's; the archive and its
//      transactions are recorded; the rows are deleted                              ← crash: in_delete
// Until step 4 commits, the rows are hot and the file is recorded nowhere: the next run deletes any such
// file (and any .tmp) before it starts and archives those rows again under a new part. After it commits,
// the rows are only in the verified file. A transaction id is the primary key of archived_transactions,
// so it can never be recorded in two archives.
import { closeSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isoTime } from '../core/clock.js';
import {
  fillPick,
  sealArchiveFile,
  verifyArchiveFile,
  writeArchiveFile,
  type ArchiveCounts,
} from '../store/archive-file.js';
import { ArchiveMismatchError } from '../store/archives.js';
import type { Store } from '../store/store.js';

export const ARCHIVE_CRASH_POINTS = ['file_written', 'verified', 'in_delete'] as const;
export type ArchiveCrashPoint = (typeof ARCHIVE_CRASH_POINTS)[number];

export const ARCHIVE_FILE = /^posbridge-(\d{4}-\d{2})-p(\d{3,})\.sqlite$/;
const LOCK = '.archive.lock';

export interface ArchiveRunOptions {
  readonly dir: string;
  /** Whole calendar months kept hot before the current one. */
  readonly hotMonths: number;
  /** Operations that finished longer ago than this have their attempts compacted. */
  readonly compactAfterMs: number;
  /** Most transactions in one part file (a month with more is split into parts). */
  readonly maxPerPart?: number;
  /** A test's crash point (SIGKILL); production: none. */
  readonly crash?: (point: ArchiveCrashPoint) => void;
}

export interface ArchivedPart {
  readonly month: string;
  readonly part: number;
  readonly file: string;
  readonly sha256: string;
  readonly counts: ArchiveCounts;
}

export interface ArchiveRunReport {
  readonly skipped?: string;
  readonly cutoff: string;
  readonly parts: ArchivedPart[];
  /** Files left by an interrupted run (never recorded, their rows still hot), deleted before starting. */
  readonly discarded: string[];
  /** Parts abandoned because their rows changed while they were written; retried next run. */
  readonly retried: string[];
  readonly compacted: number;
}

/** Start of the month `hotMonths` whole months before the current one (UTC): what is older goes. */
export function archiveCutoff(nowMs: number, hotMonths: number): string {
  const d = new Date(nowMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - hotMonths, 1)).toISOString();
}

export function archiveCrashFromEnv(
  spec = process.env.POSBRIDGE_TEST_ARCHIVE_CRASH_AT,
): ((point: ArchiveCrashPoint) => void) | undefined {
  if (!spec) return undefined;
  if (!ARCHIVE_CRASH_POINTS.includes(spec as ArchiveCrashPoint))
    throw new Error(`POSBRIDGE_TEST_ARCHIVE_CRASH_AT: unknown point ${spec}`);
  return (point) => {
    if (point === spec) process.kill(process.pid, 'SIGKILL');
  };
}

/** An exclusive lock on the archive folder (the daemon's schedule and the CLI may both run); stale if its pid is gone. */
function takeLock(dir: string): (() => void) | undefined {
  const path = join(dir, LOCK);
  for (let i = 0; i < 2; i++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return undefined;
      unlinkSync(path);
    }
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes what an interrupted run left: .tmp files and part files no archive record names. */
function discardLeftovers(store: Store, dir: string): string[] {
  const recorded = store.archives.files();
  const discarded: string[] = [];
  for (const name of readdirSync(dir)) {
    const leftover = name.includes('.sqlite.tmp') || (ARCHIVE_FILE.test(name) && !recorded.has(name));
    if (!leftover) continue;
    unlinkSync(join(dir, name));
    discarded.push(name);
  }
  return discarded;
}

export async function runArchive(store: Store, opts: ArchiveRunOptions): Promise<ArchiveRunReport> {
  const cutoff = archiveCutoff(store.clock.now(), opts.hotMonths);
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const release = takeLock(opts.dir);
  const report = {
    cutoff,
    parts: [] as ArchivedPart[],
    discarded: [] as string[],
    retried: [] as string[],
    compacted: 0,
  };
  if (!release) return { ...report, skipped: 'another archive run holds the lock' };
  try {
    report.discarded = discardLeftovers(store, opts.dir);
    for (const month of store.archives.monthsDue(cutoff)) {
      for (;;) {
        const ids = store.archives.due(month, cutoff, opts.maxPerPart ?? 50_000);
        if (ids.length === 0) break;
        const part = await archivePart(store, opts, month, ids);
        if (!part) {
          report.retried.push(month);
          break;
        }
        report.parts.push(part);
        await yieldToLoop();
      }
    }
    report.compacted = await compactAttempts(store, opts.compactAfterMs);
    return report;
  } finally {
    release();
  }
}

async function archivePart(
  store: Store,
  opts: ArchiveRunOptions,
  month: string,
  ids: readonly string[],
): Promise<ArchivedPart | undefined> {
  const part = store.archives.nextPart(month);
  const file = `posbridge-${month}-p${String(part).padStart(3, '0')}.sqlite`;
  const path = join(opts.dir, file);
  const tmp = `${path}.tmp`;
  fillPick(store.db, ids);
  const manifest = writeArchiveFile(store.db, tmp, { month, part, created_at: isoTime(store.clock.now()) });
  renameSync(tmp, path);
  sealArchiveFile(path, opts.dir);
  opts.crash?.('file_written');
  await yieldToLoop();
  const verified = verifyArchiveFile(path, manifest);
  if (!verified.ok) {
    unlinkSync(path);
    throw new Error(`the archive ${file} failed its verification (${verified.reason}); nothing was deleted`);
  }
  opts.crash?.('verified');
  try {
    store.write((w) => {
      store.archives.commit(ids, file, manifest, w.at, () => opts.crash?.('in_delete'));
      w.emit({
        type: 'archive.written',
        data: { month, part, file, sha256: manifest.sha256, counts: manifest.counts },
      });
    });
  } catch (err) {
    unlinkSync(path);
    if (err instanceof ArchiveMismatchError) return undefined;
    throw err;
  }
  return { month, part, file, sha256: manifest.sha256, counts: manifest.counts };
}

/** Compacts attempts in small writes, yielding between them, until none is left to compact. */
async function compactAttempts(store: Store, afterMs: number): Promise<number> {
  const before = isoTime(store.clock.now() - afterMs);
  let total = 0;
  for (;;) {
    const n = store.write((w) => store.attempts.compactFinished(before, w.at, 500));
    total += n;
    if (n < 500) return total;
    await yieldToLoop();
  }
}
