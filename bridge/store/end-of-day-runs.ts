// ZVT end-of-day runs: the one place that writes them (inside Store.write, like every change).
import type { SqliteDb, SqliteStatement } from '../../native/sqlite.js';

export interface EndOfDayRunRow {
  readonly id: number;
  readonly terminal_id: string;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly outcome: 'running' | 'closed' | 'failed' | 'unknown';
  readonly result_code: number | null;
  readonly message: string | null;
  readonly currency: string | null;
  readonly total_amount: number | null;
  readonly total_count: number | null;
  readonly trace: string | null;
  readonly receipt_from: string | null;
  readonly receipt_to: string | null;
  readonly totals_json: string;
  readonly receipt_text: string | null;
  readonly compared_since: string | null;
  readonly ours_json: string | null;
  readonly differences_json: string;
  readonly requested_by: string | null;
}

export interface RunTotals {
  readonly currency: string;
  readonly totalAmount: number | null;
  readonly totalCount: number | null;
  readonly trace: string | null;
  readonly receiptFrom: string | null;
  readonly receiptTo: string | null;
  readonly cards: readonly unknown[];
}

export interface RunEnd {
  readonly outcome: 'closed' | 'failed' | 'unknown';
  readonly resultCode: number | null;
  readonly message: string;
  readonly receipt: string;
  readonly comparedSince: string | null;
  readonly ours: unknown;
  readonly differences: readonly unknown[];
}

export class EndOfDayRuns {
  private readonly insertStmt: SqliteStatement;
  private readonly totalsStmt: SqliteStatement;
  private readonly finishStmt: SqliteStatement;
  private readonly getStmt: SqliteStatement;
  private readonly listStmt: SqliteStatement;
  private readonly lastClosedStmt: SqliteStatement;
  private readonly interruptedStmt: SqliteStatement;

  constructor(db: SqliteDb) {
    this.insertStmt = db.prepare(
      `INSERT INTO zvt_end_of_day_runs (terminal_id, started_at, outcome, requested_by)
       VALUES (?, ?, 'running', ?) RETURNING id`,
    );
    this.totalsStmt = db.prepare(
      `UPDATE zvt_end_of_day_runs SET currency = @currency, total_amount = @totalAmount, total_count = @totalCount,
         trace = @trace, receipt_from = @receiptFrom, receipt_to = @receiptTo, totals_json = @cards
       WHERE id = @id AND outcome = 'running'`,
    );
    this.finishStmt = db.prepare(
      `UPDATE zvt_end_of_day_runs SET outcome = @outcome, result_code = @resultCode, message = @message,
         receipt_text = @receipt, compared_since = @comparedSince, ours_json = @ours, differences_json = @differences,
         finished_at = @at
       WHERE id = @id AND outcome = 'running'`,
    );
    this.interruptedStmt = db.prepare(
      `UPDATE zvt_end_of_day_runs SET outcome = 'unknown', message = @message, finished_at = @at
       WHERE outcome = 'running' RETURNING id, terminal_id`,
    );
    this.getStmt = db.prepare('SELECT * FROM zvt_end_of_day_runs WHERE id = ?');
    this.listStmt = db.prepare('SELECT * FROM zvt_end_of_day_runs WHERE terminal_id = ? ORDER BY id DESC LIMIT ?');
    this.lastClosedStmt = db.prepare(
      `SELECT * FROM zvt_end_of_day_runs WHERE terminal_id = ? AND outcome = 'closed' ORDER BY id DESC LIMIT 1`,
    );
  }

  start(terminalId: string, at: string, requestedBy: string | null): number {
    return (this.insertStmt.get(terminalId, at, requestedBy) as { id: number }).id;
  }

  /** The terminal's report, written before the terminal hears it arrived. */
  recordTotals(id: number, t: RunTotals): void {
    this.totalsStmt.run({ id, ...t, cards: JSON.stringify(t.cards) });
  }

  finish(id: number, end: RunEnd, at: string): void {
    const changed = this.finishStmt.run({
      id,
      at,
      outcome: end.outcome,
      resultCode: end.resultCode,
      message: end.message,
      receipt: end.receipt,
      comparedSince: end.comparedSince,
      ours: JSON.stringify(end.ours),
      differences: JSON.stringify(end.differences),
    }).changes;
    if (changed !== 1) throw new Error(`end-of-day run ${id} is not running`);
  }

  /** Runs a stopped posbridge left running: their outcome is not known. */
  markInterrupted(message: string, at: string): Array<{ id: number; terminal_id: string }> {
    return this.interruptedStmt.all({ message, at }) as Array<{ id: number; terminal_id: string }>;
  }

  get(id: number): EndOfDayRunRow | undefined {
    return this.getStmt.get(id) as EndOfDayRunRow | undefined;
  }

  list(terminalId: string, limit = 20): EndOfDayRunRow[] {
    return this.listStmt.all(terminalId, limit) as EndOfDayRunRow[];
  }

  lastClosed(terminalId: string): EndOfDayRunRow | undefined {
    return this.lastClosedStmt.get(terminalId) as EndOfDayRunRow | undefined;
  }
}
