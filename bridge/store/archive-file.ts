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

/**
 * The content digest and row counts of the archived rows: of schema `s` of `db` — all its rows (an archive
 * file) or, with `picked`, those of the transactions in the pick table (the hot database).
 */
export function contentDigest(db: SqliteDb, s: string, picked: boolean): { sha256: string; counts: ArchiveCounts } {
  const hash = createHash('sha256');
  const counts = { transactions: 0, operations: 0, attempts: 0, events: 0 };
  const sql = selectRows(s, picked);
  for (const table of ARCHIVED_TABLES) {
    hash.update(`${table}\n`);
    for (const row of db.prepare(sql[table]).raw(true).iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      counts[table]++;
    }
  }
  return { sha256: hash.digest('hex'), counts };
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

/**
 * Writes the rows of the picked transactions (fillPick first) to a new archive file at `path`, in one
 * read snapshot of the hot database, and makes it durable: synchronous=FULL with a rollback journal (the
 * commit is on disk when it returns), the file fsync'd again after closing. Returns its manifest.
 */
export function writeArchiveFile(
  hot: SqliteDb,
  path: string,
  meta: { month: string; part: number; created_at: string },
): ArchiveManifest {
  createPrivateFile(path);
  hot.prepare('ATTACH DATABASE ? AS arc').run(path);
  let manifest: ArchiveManifest;
  try {
    hot.exec('PRAGMA arc.journal_mode = DELETE; PRAGMA arc.synchronous = FULL;');
    manifest = hot.transaction(() => {
      const sql = selectRows('main', true);
      for (const table of ARCHIVED_TABLES) hot.exec(`CREATE TABLE arc.${table} AS ${sql[table]}`);
      hot.exec(`
        CREATE UNIQUE INDEX arc.transactions_id ON transactions (id);
        CREATE INDEX arc.transactions_reference ON transactions (reference, terminal_id);
        CREATE INDEX arc.operations_transaction ON operations (transaction_id, seq);
        CREATE INDEX arc.attempts_operation ON attempts (operation_id, id);
        CREATE INDEX arc.events_transaction ON events (transaction_id, seq);
        CREATE TABLE arc.manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
      const { sha256, counts } = contentDigest(hot, 'arc', false);
      const m: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        month: meta.month,
        part: meta.part,
        schema_version: Number(hot.pragma('main.user_version', { simple: true })),
        created_at: meta.created_at,
        sha256,
        counts,
      };
      const put = hot.prepare('INSERT INTO arc.manifest (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries(m)) put.run(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      return m;
    })();
  } finally {
    hot.exec('DETACH DATABASE arc');
  }
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

/** Re-opens the file read-only and recomputes its digest and counts against its manifest and `expected`. */
export function verifyArchiveFile(path: string, expected?: { sha256: string; counts: ArchiveCounts }): Verification {
  let db: SqliteDb;
  try {
    db = openArchiveFile(path);
  } catch (err) {
    return { ok: false, reason: `cannot open: ${(err as Error).message}` };
  }
  try {
    const manifest = readManifest(db);
    if (manifest.format !== ARCHIVE_FORMAT) return { ok: false, reason: `unknown format ${manifest.format}` };
    const found = contentDigest(db, 'main', false);
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
