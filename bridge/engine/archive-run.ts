// One archive run: finished transactions older than the hot window move, per calendar month, to a new
// archive file, and attempts of long-finished operations are compacted. The steps are ordered so that a
// crash (SIGKILL, power cut) anywhere loses nothing and duplicates nothing:
//   1. rows are copied to `<file>.tmp` a chunk of transactions at a time, its digest computed from it,
//      the manifest written, the file fsync'd;
//   2. renamed to its final name, made read-only (0400), the directory fsync'd      ← crash: file_written
//   3. re-opened read-only; its digest and counts are checked against its manifest  ← crash: verified
//   4. the hot rows are compared with the file's, a chunk of transactions at a time (a change since the
//      file was written: the file is deleted, the month retried next run);
//   5. one hot transaction records the archive; its transactions are still hot     ← crash: recorded
//   6. per chunk of `chunk` transactions, one hot transaction: the chunk's hot rows' digest must equal
//      the file's for those transactions; they are indexed to the archive and their rows deleted
//                                                          ← crash: in_delete (inside the first chunk),
//                                                            between_chunks (after it)
// The event loop turns between chunks, so the POS's requests wait at most one chunk, not a month.
// Until step 5 commits, the rows are hot and the file is recorded nowhere: the next run deletes any such
// file (and any .tmp) before it starts and archives those rows again under a new part. After it, the file
// is kept, and each transaction is either hot or indexed to it — never both, never neither — at every
// commit: lookups (hot first, then the index) find it exactly once. A run finds a recorded part of a month
// that still has due rows and moves those of its transactions that are still hot, chunk by chunk, before
// it writes new parts. A transaction id is the primary key of archived_transactions, so it can never be
// recorded in two archives.
import { closeSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isoTime } from '../core/clock.js';
import {
  digestOf,
  openArchiveFile,
  sealArchiveFile,
  verifyArchiveFile,
  writeArchiveFile,
  type ArchiveCounts,
} from '../store/archive-file.js';
import { ArchiveMismatchError, daysOf, type ArchiveRecord } from '../store/archives.js';
import type { Store } from '../store/store.js';

export const ARCHIVE_CRASH_POINTS = ['file_written', 'verified', 'recorded', 'in_delete', 'between_chunks'] as const;
export type ArchiveCrashPoint = (typeof ARCHIVE_CRASH_POINTS)[number];

export const ARCHIVE_FILE = /^posbridge-(\d{4}-\d{2})-p(\d{3,})\.sqlite$/;
const LOCK = '.archive.lock';
/** The defaults of retention.max_per_part and retention.chunk_transactions. */
export const DEFAULT_MAX_PER_PART = 5_000;
export const DEFAULT_CHUNK = 50;
/** Attempts compacted per write: like a chunk, about as long a pause. */
const COMPACT_BATCH = 200;

export interface ArchiveRunOptions {
  readonly dir: string;
  /** Whole calendar months kept hot before the current one. */
  readonly hotMonths: number;
  /** Operations that finished longer ago than this have their attempts compacted. */
  readonly compactAfterMs: number;
  /** Most transactions in one part file (a month with more is split into parts). */
  readonly maxPerPart?: number;
  /** Transactions moved out of the hot tables per SQLite transaction (the event loop turns between). */
  readonly chunk?: number;
  /** Ends the run at its next step (between chunks), safe as a crash there is: the daemon's stop. */
  readonly signal?: AbortSignal;
  /** A test's crash point (SIGKILL); production: none. */
  readonly crash?: (point: ArchiveCrashPoint) => void;
}

export interface ArchivedPart {
  /** False if some of its transactions changed before they were moved: they stay hot, retried next run. */
  readonly complete: boolean;
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
  /** Recorded parts whose transactions an interrupted run had not all moved, finished by this one. */
  readonly finished: string[];
  /** Ended early by `signal`: what it left is finished or discarded by the next run. */
  readonly stopped?: true;
  readonly compacted: number;
}

class Stopped extends Error {}

/** Lets the event loop turn, then ends the run if it was asked to stop. */
async function turn(opts: ArchiveRunOptions): Promise<void> {
  await yieldToLoop();
  if (opts.signal?.aborted) throw new Stopped('stopped');
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
    finished: [] as string[],
    compacted: 0,
  };
  if (!release) return { ...report, skipped: 'another archive run holds the lock' };
  try {
    report.discarded = discardLeftovers(store, opts.dir);
    for (const month of store.archives.monthsDue(cutoff)) {
      // Transactions of a finished part that no longer match it stay hot and go to a new part below.
      for (const recorded of store.archives.partsOf(month))
        if (await finishPart(store, opts, recorded)) report.finished.push(recorded.file);
      for (;;) {
        const ids = await dueIds(store, opts, month, cutoff);
        if (ids.length === 0) break;
        const part = await archivePart(store, opts, month, ids);
        if (part) report.parts.push(part);
        if (!part?.complete) {
          report.retried.push(month);
          break;
        }
        await turn(opts);
      }
    }
    report.compacted = await compactAttempts(store, opts);
    return report;
  } catch (err) {
    if (err instanceof Stopped) return { ...report, stopped: true };
    throw err;
  } finally {
    release();
  }
}

/** Up to max_per_part due transactions of `month`, sorted, asked a day at a time with the loop turning. */
async function dueIds(store: Store, opts: ArchiveRunOptions, month: string, cutoff: string): Promise<string[]> {
  const max = opts.maxPerPart ?? DEFAULT_MAX_PER_PART;
  const ids: string[] = [];
  for (const [from, to] of daysOf(month)) {
    ids.push(...store.archives.due(from, to, cutoff, max - ids.length));
    if (ids.length >= max) break;
    await turn(opts);
  }
  return ids.sort();
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
  const chunk = opts.chunk ?? DEFAULT_CHUNK;
  const meta = { month, part, created_at: isoTime(store.clock.now()) };
  const manifest = await writeArchiveFile(store.db, tmp, meta, ids, chunk);
  renameSync(tmp, path);
  sealArchiveFile(path, opts.dir);
  opts.crash?.('file_written');
  await turn(opts);
  const verified = await verifyArchiveFile(path, manifest);
  if (!verified.ok) {
    unlinkSync(path);
    throw new Error(`the archive ${file} failed its verification (${verified.reason}); nothing was deleted`);
  }
  opts.crash?.('verified');
  const chunks = chunked(ids, chunk);
  const inFile: Array<ReturnType<typeof digestOf>> = [];
  const arc = openArchiveFile(path);
  try {
    // Compared before the file is recorded, so rows that changed since leave no recorded file behind.
    for (const c of chunks) {
      const expected = digestOf(arc, c);
      if (!sameDigest(digestOf(store.db, c), expected)) {
        arc.close();
        unlinkSync(path);
        return undefined;
      }
      inFile.push(expected);
      await turn(opts);
    }
  } finally {
    if (arc.open) arc.close();
  }
  const record = store.write((w) => {
    const r = store.archives.record(file, manifest, w.at);
    w.emit({ type: 'archive.written', data: { month, part, file, sha256: manifest.sha256, counts: manifest.counts } });
    return r;
  });
  opts.crash?.('recorded');
  // A change between the comparison and a chunk's move (rare) leaves that chunk hot: retried next run.
  const complete = await moveChunks(store, opts, record, chunks, inFile);
  return { complete, month, part, file, sha256: manifest.sha256, counts: manifest.counts };
}

const sameDigest = (a: ReturnType<typeof digestOf>, b: ReturnType<typeof digestOf>) =>
  a.sha256 === b.sha256 && JSON.stringify(a.counts) === JSON.stringify(b.counts);

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Moves the chunks of a recorded archive out of the hot tables, one store write each, yielding between
 * them. `inFile[i]`: chunk i's digest in the file. False if a chunk's hot rows no longer match (it stays hot).
 */
async function moveChunks(
  store: Store,
  opts: ArchiveRunOptions,
  record: ArchiveRecord,
  chunks: readonly string[][],
  inFile: ReadonlyArray<ReturnType<typeof digestOf>>,
): Promise<boolean> {
  let allMoved = true;
  for (const [i, c] of chunks.entries()) {
    try {
      store.write(() =>
        store.archives.moveChunk(c, record, inFile[i]!, i === 0 ? () => opts.crash?.('in_delete') : undefined),
      );
    } catch (err) {
      if (!(err instanceof ArchiveMismatchError)) throw err;
      allMoved = false;
    }
    if (i === 0 && chunks.length > 1) opts.crash?.('between_chunks');
    await turn(opts);
  }
  return allMoved;
}

/**
 * A recorded part whose transactions are not all moved (a run killed between its record and its last
 * chunk): moves those still hot. False if there were none. Those that no longer match the file stay hot
 * (and are archived again in a new part, which the index then names).
 */
async function finishPart(store: Store, opts: ArchiveRunOptions, record: ArchiveRecord): Promise<boolean> {
  const arc = openArchiveFile(join(opts.dir, record.file));
  try {
    const inArchive = arc.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as string[];
    const hot = store.archives.stillHot(inArchive);
    if (hot.length === 0) return false;
    const chunks = chunked(hot, opts.chunk ?? DEFAULT_CHUNK);
    const inFile: Array<ReturnType<typeof digestOf>> = [];
    for (const c of chunks) {
      inFile.push(digestOf(arc, c));
      await turn(opts);
    }
    await moveChunks(store, opts, record, chunks, inFile);
    return true;
  } finally {
    arc.close();
  }
}

/** Compacts attempts in small writes, yielding between them, until none is left to compact. */
async function compactAttempts(store: Store, opts: ArchiveRunOptions): Promise<number> {
  const before = isoTime(store.clock.now() - opts.compactAfterMs);
  let total = 0;
  for (;;) {
    const n = store.write((w) => store.attempts.compactFinished(before, w.at, COMPACT_BATCH));
    total += n;
    if (n < COMPACT_BATCH) return total;
    await turn(opts);
  }
}
