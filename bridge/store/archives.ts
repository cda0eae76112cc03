// The hot database's side of retention: which finished transactions are due, the record of every archive
// file and of the transactions in it, and the deletes of archived rows, a chunk of transactions at a time.
// Each chunk's delete runs in the same SQLite transaction as its index rows (migration 011's triggers refuse
// it otherwise), and only after its hot rows are checked to be exactly those in the verified file.
import type { SqliteDb } from '../../native/sqlite.js';
import { contentDigest, fillPick, PICK, type ArchiveCounts, type ArchiveManifest } from './archive-file.js';

const FINAL = `('declined','failed','captured','voided','expired')`;

export interface ArchiveRecord {
  readonly id: number;
  readonly month: string;
  readonly part: number;
  readonly file: string;
  readonly sha256: string;
  readonly transactions: number;
  readonly operations: number;
  readonly attempts: number;
  readonly events: number;
  readonly archived_at: string;
}

export interface ArchivedEntry {
  readonly transaction_id: string;
  readonly terminal_id: string;
  readonly reference: string;
  readonly file: string;
  readonly month: string;
}

/** The hot rows changed between writing the file and deleting them (a late update): this part is retried. */
export class ArchiveMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveMismatchError';
  }
}

/** The UTC days of `month` ('YYYY-MM') as [from, to) ISO bounds. */
export function daysOf(month: string): Array<[string, string]> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days: Array<[string, string]> = [];
  for (let d = Date.UTC(y, m - 1, 1); new Date(d).getUTCMonth() === m - 1; d += 86_400_000)
    days.push([new Date(d).toISOString(), new Date(d + 86_400_000).toISOString()]);
  return days;
}

export class ArchiveRepo {
  private readonly byIdStmt;
  private readonly byRefStmt;

  constructor(private readonly db: SqliteDb) {
    const entry = `SELECT a.transaction_id, a.terminal_id, a.reference, r.file, r.month
                     FROM archived_transactions a JOIN archives r ON r.id = a.archive_id`;
    this.byIdStmt = db.prepare(`${entry} WHERE a.transaction_id = ?`);
    this.byRefStmt =
      db.prepare(`${entry} WHERE a.reference = @reference AND (@terminal IS NULL OR a.terminal_id = @terminal)
                                  ORDER BY a.terminal_id LIMIT @limit`);
  }

  /** Calendar months (UTC, of created_at) with finished transactions last changed before `cutoffIso`. */
  monthsDue(cutoffIso: string): string[] {
    return (
      this.db
        .prepare(
          `SELECT DISTINCT substr(created_at, 1, 7) AS month FROM transactions
            WHERE state IN ${FINAL} AND created_at < ? AND updated_at < ? ORDER BY month`,
        )
        .all(cutoffIso, cutoffIso) as Array<{ month: string }>
    ).map((r) => r.month);
  }

  /**
   * Up to `limit` transactions created in [`fromIso`, `toIso`) that may leave the hot database: in a final
   * state, changed last before the cutoff, with no operation open or changed since (so nothing can still
   * happen to them). The caller asks a day at a time: each query then reads a day of rows, not a month.
   */
  due(fromIso: string, toIso: string, cutoffIso: string, limit: number): string[] {
    return (
      this.db
        .prepare(
          `SELECT t.id FROM transactions t
            WHERE t.state IN ${FINAL} AND t.created_at >= @from AND t.created_at < @to AND t.updated_at < @cutoff
              AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.transaction_id = t.id
                               AND (o.state IN ('queued','running','unresolved') OR o.updated_at >= @cutoff))
            ORDER BY t.id LIMIT @limit`,
        )
        .all({ from: fromIso, to: toIso, cutoff: cutoffIso, limit }) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
  }

  nextPart(month: string): number {
    const row = this.db.prepare('SELECT MAX(part) AS p FROM archives WHERE month = ?').get(month) as {
      p: number | null;
    };
    return (row.p ?? 0) + 1;
  }

  list(): ArchiveRecord[] {
    return this.db.prepare('SELECT * FROM archives ORDER BY month, part').all() as ArchiveRecord[];
  }

  files(): Set<string> {
    return new Set((this.db.prepare('SELECT file FROM archives').all() as Array<{ file: string }>).map((r) => r.file));
  }

  byId(id: string): ArchivedEntry | undefined {
    return this.byIdStmt.get(id) as ArchivedEntry | undefined;
  }

  byReference(reference: string, terminalId: string | undefined, limit = 100): ArchivedEntry[] {
    return this.byRefStmt.all({ reference, terminal: terminalId ?? null, limit }) as ArchivedEntry[];
  }

  /** The archives recorded for `month`, oldest part first. */
  partsOf(month: string): ArchiveRecord[] {
    return this.db.prepare('SELECT * FROM archives WHERE month = ? ORDER BY part').all(month) as ArchiveRecord[];
  }

  /** Of `ids`, those whose rows are still hot (none of them can be indexed: the move is one transaction). */
  stillHot(ids: readonly string[]): string[] {
    const hot = this.db.prepare('SELECT 1 FROM transactions WHERE id = ?').pluck();
    return ids.filter((id) => hot.get(id) !== undefined);
  }

  /**
   * Records a verified archive file; its transactions stay hot until moveChunk moves them. Call inside a
   * store write. From now on the file is kept (the next run finishes moving what a killed one did not).
   */
  record(file: string, manifest: ArchiveManifest, at: string): ArchiveRecord {
    if (!this.db.inTransaction) throw new Error('ArchiveRepo.record must run inside a write');
    const c = manifest.counts;
    return this.db
      .prepare(
        `INSERT INTO archives (month, part, file, sha256, transactions, operations, attempts, events, archived_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        manifest.month,
        manifest.part,
        file,
        manifest.sha256,
        c.transactions,
        c.operations,
        c.attempts,
        c.events,
        at,
      ) as ArchiveRecord;
  }

  /**
   * Moves some of a recorded archive's transactions out of the hot tables: indexes them to the archive and
   * deletes their rows, in the caller's store write (one SQLite transaction), so each is hot or indexed at
   * every commit, never both, never neither. Throws ArchiveMismatchError, changing nothing, if their hot
   * rows are not exactly `inFile` (their digest and counts in the archive file). `midDelete` runs between
   * the deletes (a test's crash point).
   */
  moveChunk(
    ids: readonly string[],
    archive: Pick<ArchiveRecord, 'id' | 'file'>,
    inFile: { sha256: string; counts: ArchiveCounts },
    midDelete?: () => void,
  ): void {
    if (!this.db.inTransaction) throw new Error('ArchiveRepo.moveChunk must run inside a write');
    fillPick(this.db, ids);
    const hot = contentDigest(this.db, 'main', true);
    const c = inFile.counts;
    if (hot.sha256 !== inFile.sha256 || JSON.stringify(hot.counts) !== JSON.stringify(c)) {
      throw new ArchiveMismatchError(`hot rows of transactions in ${archive.file} changed after it was written`);
    }
    this.db
      .prepare(
        `INSERT INTO archived_transactions (transaction_id, archive_id, terminal_id, reference)
         SELECT id, ?, terminal_id, reference FROM transactions WHERE id IN (SELECT id FROM ${PICK})`,
      )
      .run(archive.id);
    // Children first: the triggers look the transaction up to see that it is archived and final.
    const deleted = {
      events: this.db.prepare(`DELETE FROM events WHERE transaction_id IN (SELECT id FROM ${PICK})`).run().changes,
      attempts: this.db
        .prepare(
          `DELETE FROM attempts WHERE operation_id IN
             (SELECT id FROM operations WHERE transaction_id IN (SELECT id FROM ${PICK}))`,
        )
        .run().changes,
    };
    midDelete?.();
    const ops = this.db
      .prepare(`DELETE FROM operations WHERE transaction_id IN (SELECT id FROM ${PICK})`)
      .run().changes;
    const txs = this.db.prepare(`DELETE FROM transactions WHERE id IN (SELECT id FROM ${PICK})`).run().changes;
    if (
      txs !== c.transactions ||
      ops !== c.operations ||
      deleted.attempts !== c.attempts ||
      deleted.events !== c.events
    )
      throw new ArchiveMismatchError(`deleting rows of ${archive.file} removed other counts than it holds`);
  }
}
