// A monthly archive file: a SQLite database with the rows of the archived transactions, copied unchanged
// from the hot tables (transactions, operations, attempts, events: the same columns, the same values), a
// manifest table, and lookup indexes. Self-contained: it is read with any SQLite tool, without posbridge.
//
// The checksum is the SHA-256 of the content, not of the file's bytes (a file's bytes change when SQLite
// rewrites a page; its rows do not): every row of the four tables in primary-key order, one JSON array per
// row, each table introduced by its name. The same digest is computed from the hot rows before they are
// deleted, so "the archive holds exactly what left the hot database" is checked, not assumed.
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync } from 'node:fs';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { openDatabase, type SqliteDb } from '../../native/sqlite.js';
import { createPrivateFile } from '../../native/private-files.js';

export const ARCHIVE_FORMAT = 'posbridge-archive/1';
export const ARCHIVED_TABLES = ['transactions', 'operations', 'attempts', 'events'] as const;
export type ArchivedTable = (typeof ARCHIVED_TABLES)[number];
export type ArchiveCounts = Record<ArchivedTable, number>;

export interface ArchiveManifest {
  readonly format: string;
  readonly month: string;
  readonly part: number;
  readonly schema_version: number;
  readonly created_at: string;
  readonly sha256: string;
  readonly counts: ArchiveCounts;
}

/** The temp table of the transaction ids being archived, on the hot connection. */
export const PICK = 'temp.archive_pick';

/** How each table's rows of the archived transactions are selected, in digest order. `s`: the schema. */
function selectRows(s: string, picked: boolean): Record<ArchivedTable, string> {
  const inPick = (col: string) => (picked ? `WHERE ${col} IN (SELECT id FROM ${PICK})` : '');
  const opsOfPick = picked
    ? `WHERE operation_id IN (SELECT id FROM ${s}.operations WHERE transaction_id IN (SELECT id FROM ${PICK}))`
    : '';
  return {
    transactions: `SELECT * FROM ${s}.transactions ${inPick('id')} ORDER BY id`,
    operations: `SELECT * FROM ${s}.operations ${inPick('transaction_id')} ORDER BY seq`,
    attempts: `SELECT * FROM ${s}.attempts ${opsOfPick} ORDER BY id`,
    events: `SELECT * FROM ${s}.events ${inPick('transaction_id')} ORDER BY seq`,
  };
}

type Digest = { sha256: string; counts: ArchiveCounts };

/** The digest's work, a step per `every` rows; the result is in `out.digest` when it is done. */
function* digestSteps(db: SqliteDb, s: string, picked: boolean, out: { digest?: Digest }, every: number) {
  const hash = createHash('sha256');
  const counts = { transactions: 0, operations: 0, attempts: 0, events: 0 };
  const sql = selectRows(s, picked);
  let n = 0;
  for (const table of ARCHIVED_TABLES) {
    hash.update(`${table}\n`);
    for (const row of db.prepare(sql[table]).raw(true).iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      counts[table]++;
      if (++n % every === 0) yield;
    }
  }
  out.digest = { sha256: hash.digest('hex'), counts };
}

/**
 * The content digest and row counts of the archived rows: of schema `s` of `db` — all its rows (an archive
 * file) or, with `picked`, those of the transactions in the pick table (the hot database).
 */
export function contentDigest(db: SqliteDb, s: string, picked: boolean): Digest {
  const out: { digest?: Digest } = {};
  for (const _ of digestSteps(db, s, picked, out, Number.MAX_SAFE_INTEGER));
  return out.digest!;
}

/**
 * contentDigest of a whole archive file, letting the event loop turn every `every` rows. Only on a
 * connection nothing else uses meanwhile (a file's own, read-only): its statements stay open across turns.
 */
export async function contentDigestYielding(db: SqliteDb, every = 2_000): Promise<Digest> {
  const out: { digest?: Digest } = {};
  for (const _ of digestSteps(db, 'main', false, out, every)) await yieldToLoop();
  return out.digest!;
}

/** The digest and counts of the rows of transactions `ids` in `db` (an archive file or the hot database). */
export function digestOf(db: SqliteDb, ids: readonly string[]): { sha256: string; counts: ArchiveCounts } {
  fillPick(db, ids);
  return contentDigest(db, 'main', true);
}

/** Fills the pick table with the ids (the hot connection's temp schema; no transaction needed). */
export function fillPick(db: SqliteDb, ids: readonly string[]): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS archive_pick (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM ${PICK};`);
  const insert = db.prepare(`INSERT INTO ${PICK} (id) VALUES (?)`);
  for (const id of ids) insert.run(id);
}

function fsyncPath(path: string, flags = 'r'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Runs `fn` with the file at `path` attached to the hot connection as `arc`, detaching it after. */
function withAttached<T>(hot: SqliteDb, path: string, fn: () => T): T {
  hot.prepare('ATTACH DATABASE ? AS arc').run(path);
  try {
    // The file is a .tmp until it is complete and fsync'd below; a crash before discards it, so its
    // commits need no fsync of their own.
    hot.exec('PRAGMA arc.journal_mode = DELETE; PRAGMA arc.synchronous = OFF;');
    return fn();
  } finally {
    hot.exec('DETACH DATABASE arc');
  }
}

/**
 * Writes the rows of transactions `ids` to a new archive file at `path`, `chunk` transactions per SQLite
 * transaction (each copies all of a transaction's rows in one read of the hot database), letting the event
 * loop turn between chunks; computes its digest from the file (turning every few thousand rows), writes
 * the manifest, and makes it durable: the file is fsync'd once complete. Returns its manifest. Rows that
 * change between chunks are caught later: the hot rows are compared with the file's before they go.
 */
export async function writeArchiveFile(
  hot: SqliteDb,
  path: string,
  meta: { month: string; part: number; created_at: string },
  ids: readonly string[],
  chunk: number,
): Promise<ArchiveManifest> {
  createPrivateFile(path);
  withAttached(hot, path, () =>
    hot.transaction(() => {
      for (const table of ARCHIVED_TABLES) hot.exec(`CREATE TABLE arc.${table} AS SELECT * FROM main.${table} WHERE 0`);
      hot.exec(`
        CREATE UNIQUE INDEX arc.transactions_id ON transactions (id);
        CREATE INDEX arc.transactions_reference ON transactions (reference, terminal_id);
        CREATE INDEX arc.operations_transaction ON operations (transaction_id, seq);
        CREATE INDEX arc.attempts_operation ON attempts (operation_id, id);
        CREATE INDEX arc.events_transaction ON events (transaction_id, seq);
        CREATE TABLE arc.manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
    })(),
  );
  for (let i = 0; i < ids.length; i += chunk) {
    withAttached(hot, path, () =>
      hot.transaction(() => {
        fillPick(hot, ids.slice(i, i + chunk));
        const sql = selectRows('main', true);
        for (const table of ARCHIVED_TABLES) hot.exec(`INSERT INTO arc.${table} ${sql[table]}`);
      })(),
    );
    await yieldToLoop();
  }
  const own = openArchiveFile(path);
  let digest: Digest;
  try {
    digest = await contentDigestYielding(own);
  } finally {
    own.close();
  }
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    month: meta.month,
    part: meta.part,
    schema_version: Number(hot.pragma('main.user_version', { simple: true })),
    created_at: meta.created_at,
    sha256: digest.sha256,
    counts: digest.counts,
  };
  withAttached(hot, path, () =>
    hot.transaction(() => {
      const put = hot.prepare('INSERT INTO arc.manifest (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries(manifest)) put.run(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    })(),
  );
  fsyncPath(path, 'r+');
  return manifest;
}

/** Makes the finished file read-only for its owner too, and its directory entry durable. */
export function sealArchiveFile(path: string, dir: string): void {
  chmodSync(path, 0o400);
  fsyncPath(path);
  fsyncPath(dir);
}

export function openArchiveFile(path: string): SqliteDb {
  return openDatabase(path, { readonly: true });
}

export function readManifest(db: SqliteDb): ArchiveManifest {
  const rows = db.prepare('SELECT key, value FROM manifest').all() as Array<{ key: string; value: string }>;
  const m = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    format: m.format ?? '',
    month: m.month ?? '',
    part: Number(m.part),
    schema_version: Number(m.schema_version),
    created_at: m.created_at ?? '',
    sha256: m.sha256 ?? '',
    counts: JSON.parse(m.counts ?? '{}') as ArchiveCounts,
  };
}

export type Verification =
  { readonly ok: true; readonly manifest: ArchiveManifest } | { readonly ok: false; readonly reason: string };

/**
 * Re-opens the file read-only and recomputes its digest and counts against its manifest and `expected`,
 * letting the event loop turn every few thousand rows.
 */
export async function verifyArchiveFile(
  path: string,
  expected?: { sha256: string; counts: ArchiveCounts },
): Promise<Verification> {
  let db: SqliteDb;
  try {
    db = openArchiveFile(path);
  } catch (err) {
    return { ok: false, reason: `cannot open: ${(err as Error).message}` };
  }
  try {
    const manifest = readManifest(db);
    if (manifest.format !== ARCHIVE_FORMAT) return { ok: false, reason: `unknown format ${manifest.format}` };
    const found = await contentDigestYielding(db);
    if (found.sha256 !== manifest.sha256) return { ok: false, reason: 'content does not match its manifest checksum' };
    if (JSON.stringify(found.counts) !== JSON.stringify(manifest.counts))
      return { ok: false, reason: 'row counts do not match the manifest' };
    if (
      expected &&
      (expected.sha256 !== found.sha256 || JSON.stringify(expected.counts) !== JSON.stringify(found.counts))
    )
      return { ok: false, reason: 'content is not what was written' };
    return { ok: true, manifest };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  } finally {
    db.close();
  }
}
