// The reads behind a day's summary and the end-of-day totals comparison: grouped in SQLite, through
// indexes (transactions_by_created for the day's transactions, operations_settled_by_finished for the
// captures and voids that succeeded; transactions_by_state for the old open holds).
import type { SqliteDb, SqliteStatement } from '../../native/sqlite.js';
import type { CreatedRow, SettledRow } from '../day/summary.js';

export interface OpenHoldRow {
  readonly id: string;
  readonly terminal_id: string;
  readonly reference: string;
  readonly currency: string;
  readonly amount_authorized: number | null;
  readonly card_masked_pan: string | null;
  readonly created_at: string;
  readonly expires_at: string | null;
}

export class DayReads {
  private readonly createdStmt: SqliteStatement;
  private readonly settledStmt: SqliteStatement;
  private readonly capturedOnStmt: SqliteStatement;
  private readonly openHoldsStmt: SqliteStatement;

  constructor(db: SqliteDb) {
    this.createdStmt = db.prepare(
      `SELECT terminal_id, currency, state, COUNT(*) AS n, SUM(amount_requested) AS requested,
              COUNT(amount_authorized) AS n_authorized, COALESCE(SUM(amount_authorized), 0) AS authorized
         FROM transactions WHERE created_at >= @from AND created_at < @to
        GROUP BY terminal_id, currency, state`,
    );
    this.settledStmt = db.prepare(
      `SELECT o.terminal_id, t.currency, o.kind, COUNT(*) AS n,
              COALESCE(SUM(CASE o.kind WHEN 'capture' THEN t.amount_captured ELSE t.amount_authorized END), 0) AS amount
         FROM operations o JOIN transactions t ON t.id = o.transaction_id
        WHERE o.state = 'succeeded' AND o.kind IN ('capture', 'void') AND o.finished_at >= @from AND o.finished_at < @to
        GROUP BY o.terminal_id, t.currency, o.kind`,
    );
    this.capturedOnStmt = db.prepare(
      `SELECT t.currency, COUNT(*) AS count, COALESCE(SUM(t.amount_captured), 0) AS amount
         FROM operations o JOIN transactions t ON t.id = o.transaction_id
        WHERE o.state = 'succeeded' AND o.kind IN ('capture', 'void') AND o.finished_at > @since
          AND o.finished_at <= @until AND o.terminal_id = @terminal AND o.kind = 'capture'
        GROUP BY t.currency`,
    );
    this.openHoldsStmt = db.prepare(
      `SELECT id, terminal_id, reference, currency, amount_authorized, card_masked_pan, created_at, expires_at
         FROM transactions WHERE state = 'authorized' AND created_at < @before
        ORDER BY created_at, id LIMIT @limit`,
    );
  }

  created(from: string, to: string): CreatedRow[] {
    return this.createdStmt.all({ from, to }) as CreatedRow[];
  }

  settled(from: string, to: string): SettledRow[] {
    return this.settledStmt.all({ from, to }) as SettledRow[];
  }

  /** Captures on one terminal that succeeded in (since, until], per currency: what its batch should hold. */
  capturedOn(
    terminal: string,
    since: string,
    until: string,
  ): Array<{ currency: string; count: number; amount: number }> {
    return this.capturedOnStmt.all({ terminal, since, until }) as Array<{
      currency: string;
      count: number;
      amount: number;
    }>;
  }

  /** Holds still open (authorised, neither captured, voided nor expired) that were asked for before `before`. */
  openHolds(before: string, limit = 500): OpenHoldRow[] {
    return this.openHoldsStmt.all({ before, limit }) as OpenHoldRow[];
  }
}
