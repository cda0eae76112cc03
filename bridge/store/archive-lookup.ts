// Finding a transaction that left the hot database. The hot database's index (archived_transactions)
// says which file holds it, so a miss costs one indexed query and, only when archived, one read-only
// open of one file — never a scan of every archive.
import { join } from 'node:path';
import { BridgeError } from '../core/errors.js';
import type { ArchivedEntry, ArchiveRepo } from './archives.js';
import { openArchiveFile } from './archive-file.js';
import type { AttemptRow, OperationRow, TransactionRow } from './rows.js';

export interface ArchivedTransaction {
  readonly transaction: TransactionRow;
  readonly operations: OperationRow[];
  readonly attempts: AttemptRow[];
  readonly file: string;
  readonly month: string;
}

export class ArchiveLookup {
  constructor(
    private readonly archives: ArchiveRepo,
    private readonly dir: string,
  ) {}

  byId(id: string): ArchivedTransaction | undefined {
    const entry = this.archives.byId(id);
    return entry ? this.read([entry])[0] : undefined;
  }

  byReference(reference: string, terminalId?: string, limit = 100): ArchivedTransaction[] {
    return this.read(this.archives.byReference(reference, terminalId, limit));
  }

  /** Whether the transaction is archived, from the hot index alone (no file is opened). */
  has(id: string): boolean {
    return this.archives.byId(id) !== undefined;
  }

  private read(entries: readonly ArchivedEntry[]): ArchivedTransaction[] {
    const found: ArchivedTransaction[] = [];
    const byFile = new Map<string, ArchivedEntry[]>();
    for (const e of entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, inFile] of byFile) {
      let db;
      try {
        db = openArchiveFile(join(this.dir, file));
      } catch (err) {
        throw new BridgeError(
          'archive_unavailable',
          `The archive ${file} that holds this transaction cannot be read: ${(err as Error).message}`,
        );
      }
      try {
        const tx = db.prepare('SELECT * FROM transactions WHERE id = ?');
        const ops = db.prepare('SELECT * FROM operations WHERE transaction_id = ? ORDER BY seq');
        const attempts = db.prepare('SELECT * FROM attempts WHERE operation_id = ? ORDER BY id');
        for (const e of inFile) {
          const transaction = tx.get(e.transaction_id) as TransactionRow | undefined;
          if (!transaction)
            throw new BridgeError('archive_unavailable', `The archive ${file} does not hold ${e.transaction_id}`);
          const operations = ops.all(e.transaction_id) as OperationRow[];
          found.push({
            transaction,
            operations,
            attempts: operations.flatMap((o) => attempts.all(o.id) as AttemptRow[]),
            file,
            month: e.month,
          });
        }
      } finally {
        db.close();
      }
    }
    return found;
  }
}
