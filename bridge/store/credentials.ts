// Per-terminal credentials (from pairing), stored only as sealed blobs.
import type { SqliteDb } from '../../native/sqlite.js';

export class CredentialRepo {
  private readonly putStmt;
  private readonly getStmt;

  constructor(db: SqliteDb) {
    this.putStmt = db.prepare(
      `INSERT INTO terminal_credentials (terminal_id, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (terminal_id) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
    );
    this.getStmt = db.prepare('SELECT ciphertext FROM terminal_credentials WHERE terminal_id = ?');
  }

  put(terminalId: string, sealed: Buffer, at: string): void {
    this.putStmt.run(terminalId, sealed, at, at);
  }

  get(terminalId: string): Buffer | undefined {
    return (this.getStmt.get(terminalId) as { ciphertext: Buffer } | undefined)?.ciphertext;
  }
}
