// Every exchange with a provider, redacted, with timings. The row is written before the request
// leaves, so after a crash an unfinished attempt is the evidence that a request may have been sent.
import type { SqliteDb } from '../../native/sqlite.js';
import { redact } from '../core/redact.js';
import type { AttemptRow } from './rows.js';

export class AttemptRepo {
  private readonly startStmt;
  private readonly finishStmt;
  private readonly byOpStmt;
  private readonly unfinishedSendStmt;
  private readonly abandonStmt;

  constructor(db: SqliteDb) {
    this.startStmt = db.prepare(
      `INSERT INTO attempts (operation_id, number, purpose, request_json, started_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    );
    this.finishStmt = db.prepare(
      `UPDATE attempts SET response_status = ?, response_json = ?, outcome_kind = ?, outcome_json = ?,
         finished_at = ?, duration_ms = ? WHERE id = ? AND finished_at IS NULL`,
    );
    this.byOpStmt = db.prepare('SELECT * FROM attempts WHERE operation_id = ? ORDER BY id');
    this.unfinishedSendStmt = db.prepare(
      `SELECT COUNT(*) AS n FROM attempts WHERE operation_id = ? AND purpose = 'send' AND finished_at IS NULL`,
    );
    this.abandonStmt = db.prepare(
      `UPDATE attempts SET outcome_kind = 'interrupted', finished_at = ? WHERE operation_id = ? AND finished_at IS NULL`,
    );
  }

  start(operationId: string, number: number, purpose: 'send' | 'lookup', request: unknown, at: string): number {
    const row = this.startStmt.get(operationId, number, purpose, JSON.stringify(redact(request)), at) as { id: number };
    return row.id;
  }

  finish(id: string | number, result: { status: number | null; body: unknown; outcomeKind: string; outcome: unknown }, at: string, durationMs: number): void {
    this.finishStmt.run(
      result.status,
      result.body === undefined ? null : JSON.stringify(redact(result.body)),
      result.outcomeKind,
      JSON.stringify(redact(result.outcome)),
      at,
      Math.round(durationMs),
      id,
    );
  }

  forOperation(operationId: string): AttemptRow[] {
    return this.byOpStmt.all(operationId) as AttemptRow[];
  }

  /** Closes attempts whose worker died mid-exchange; their outcome is what the resolution finds. */
  abandonUnfinished(operationId: string, at: string): void {
    this.abandonStmt.run(at, operationId);
  }

  /** Whether a send attempt was started and never finished: it may have reached the provider. */
  hasUnfinishedSend(operationId: string): boolean {
    return (this.unfinishedSendStmt.get(operationId) as { n: number }).n > 0;
  }
}
