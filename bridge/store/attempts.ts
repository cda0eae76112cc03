// Every exchange with a provider, redacted, with timings. The row is written before the request
// leaves, so after a crash an unfinished attempt is the evidence that a request may have been sent.
// An answer is recorded in the same SQLite transaction as the decision it leads to (applied_at set);
// one recorded without it (older versions, a ZVT result persisted before its acknowledgement) is
// what a restarted worker applies first.
import type { SqliteDb, SqliteStatement as Statement } from '../../native/sqlite.js';
import { compactAttemptBodies } from '../core/attempt-evidence.js';
import { redact } from '../core/redact.js';
import type { AttemptRow } from './rows.js';

/** Told of each attempt that got its answer recorded (for metrics): its row id and how long the exchange took. */
export type AttemptFinished = (attemptId: number, durationMs: number) => void;

export class AttemptRepo {
  private readonly startStmt;
  private readonly finishStmt;
  private readonly byOpStmt;
  private readonly unfinishedSendStmt;
  private readonly abandonStmt;
  private readonly appliedStmt;
  private readonly unappliedStmt;
  // Prepared on first use: the repo is also built on databases older than the compacted_at column.
  private compactStmts: { unCompacted: Statement; compact: Statement } | undefined;

  constructor(
    private readonly db: SqliteDb,
    private readonly onFinished: AttemptFinished = () => {},
  ) {
    this.startStmt = db.prepare(
      `INSERT INTO attempts (operation_id, number, purpose, request_json, started_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
    );
    this.finishStmt = db.prepare(
      `UPDATE attempts SET response_status = ?, response_json = ?, outcome_kind = ?, outcome_json = ?,
         finished_at = ?, duration_ms = ?, applied_at = ? WHERE id = ? AND finished_at IS NULL`,
    );
    this.appliedStmt = db.prepare('UPDATE attempts SET applied_at = ? WHERE id = ? AND applied_at IS NULL');
    // Only answers that are an Outcome can be applied; the engine's own markers (not_found, lookup_next,
    // cancel_sent, interrupted) are evidence, not answers.
    this.unappliedStmt = db.prepare(
      `SELECT * FROM attempts WHERE operation_id = ? AND finished_at IS NOT NULL AND applied_at IS NULL
         AND outcome_json IS NOT NULL AND outcome_kind IN ('approved','declined','pending','rejected','retryable','unknown')
       ORDER BY id DESC LIMIT 1`,
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

  /**
   * Records the answer. `applied`: it is written together with the decision it leads to (or is only
   * evidence); false only where the answer must be kept before the decision can be made.
   */
  finish(
    id: string | number,
    result: { status: number | null; body: unknown; outcomeKind: string; outcome: unknown },
    at: string,
    durationMs: number,
    applied = true,
  ): void {
    const changed = this.finishStmt.run(
      result.status,
      result.body === undefined ? null : JSON.stringify(redact(result.body)),
      result.outcomeKind,
      JSON.stringify(redact(result.outcome)),
      at,
      Math.round(durationMs),
      applied ? at : null,
      id,
    ).changes;
    if (changed === 1) this.onFinished(Number(id), Math.round(durationMs));
  }

  markApplied(id: number, at: string): void {
    this.appliedStmt.run(at, id);
  }

  /** The newest answer recorded for the operation and never applied to it, if any. */
  unapplied(operationId: string): AttemptRow | undefined {
    return this.unappliedStmt.get(operationId) as AttemptRow | undefined;
  }

  forOperation(operationId: string): AttemptRow[] {
    return this.byOpStmt.all(operationId) as AttemptRow[];
  }

  /** Closes attempts whose worker died mid-exchange; their outcome is what the resolution finds. */
  abandonUnfinished(operationId: string, at: string): void {
    this.abandonStmt.run(at, operationId);
  }

  /**
   * The one place that compacts attempts: those of operations that finished (succeeded or failed) before
   * `finishedBeforeIso` keep only their evidence (core/attempt-evidence.ts). At most `limit` per call, so a
   * first run over years of history does not hold the write lock for long; returns how many it compacted.
   */
  compactFinished(finishedBeforeIso: string, at: string, limit: number): number {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.request_json, a.response_json FROM attempts a JOIN operations o ON o.id = a.operation_id
          WHERE a.compacted_at IS NULL AND a.finished_at IS NOT NULL
            AND o.finished_at IS NOT NULL AND o.finished_at < ? AND o.state IN ('succeeded','failed')
          LIMIT ?`,
      )
      .all(finishedBeforeIso, limit) as Array<{ id: number; request_json: string; response_json: string | null }>;
    for (const r of rows) {
      const c = compactAttemptBodies(r.request_json, r.response_json);
      this.compaction().compact.run(c.request_json, c.response_json, at, r.id);
    }
    return rows.length;
  }

  /**
   * Compacts the finished attempts of one operation that has just ended (the state writer calls it in the
   * same write as the final state). They are the newest rows of the table, so the space their raw bodies
   * took is reused by the next rows; compacting a row in the middle of the table frees space SQLite reuses
   * only if that page is rewritten. Returns how many it compacted.
   */
  compactOperation(operationId: string, at: string): number {
    const rows = this.compaction().unCompacted.all(operationId) as Array<{
      id: number;
      request_json: string;
      response_json: string | null;
    }>;
    for (const r of rows) {
      const c = compactAttemptBodies(r.request_json, r.response_json);
      this.compaction().compact.run(c.request_json, c.response_json, at, r.id);
    }
    return rows.length;
  }

  private compaction(): { unCompacted: Statement; compact: Statement } {
    this.compactStmts ??= {
      unCompacted: this.db.prepare(
        `SELECT id, request_json, response_json FROM attempts
          WHERE operation_id = ? AND finished_at IS NOT NULL AND compacted_at IS NULL`,
      ),
      compact: this.db.prepare(
        'UPDATE attempts SET request_json = ?, response_json = ?, compacted_at = ? WHERE id = ? AND compacted_at IS NULL',
      ),
    };
    return this.compactStmts;
  }

  /** Whether a send attempt was started and never finished: it may have reached the provider. */
  hasUnfinishedSend(operationId: string): boolean {
    return (this.unfinishedSendStmt.get(operationId) as { n: number }).n > 0;
  }
}
