// Reconciliation runs as recorded (migration 018), and the reads a run makes of our own payments.
// `record` is the only writer of the three tables; reconciliation never writes anything else but events.
import type { SqliteDb, SqliteStatement } from '../../native/sqlite.js';
import type { TransactionState } from '../core/states.js';

export type SourceStatus = 'checked' | 'differences' | 'could_not_check' | 'no_records';

export interface SourceRecord {
  readonly provider: string;
  readonly status: SourceStatus;
  /** Our payments of the day on this provider. */
  readonly payments: number;
  /** How many of them were compared with the provider's records. */
  readonly checked: number;
  readonly differences: number;
  /** Why it could not be checked, or why the provider offers nothing to compare. */
  readonly why: string | null;
}

export interface DifferenceRecord {
  readonly provider: string;
  readonly kind: string;
  readonly field: string | null;
  readonly transactionId: string | null;
  readonly providerRef: string | null;
  readonly ours: unknown;
  readonly theirs: unknown;
}

export interface RunRecord {
  readonly id: string;
  readonly day: string;
  readonly timeZone: string;
  readonly from: string;
  readonly to: string;
  readonly provider: string | null;
  readonly requestedBy: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly sources: readonly SourceRecord[];
  readonly differences: readonly DifferenceRecord[];
}

/** One of our transactions as a reconciliation reads it. */
export interface PaymentRow {
  readonly id: string;
  readonly terminal_id: string;
  readonly reference: string;
  readonly state: TransactionState;
  readonly currency: string;
  readonly amount_authorized: number | null;
  readonly amount_captured: number | null;
  readonly provider_ref: string | null;
  readonly provider_refs_json: string;
  readonly created_at: string;
  /** The provider's id of the capture that succeeded, if it has its own. */
  readonly capture_ref: string | null;
}

interface RunRow {
  id: string;
  day: string;
  time_zone: string;
  day_from: string;
  day_to: string;
  provider: string | null;
  requested_by: string | null;
  started_at: string;
  finished_at: string;
}

interface SourceRow {
  run_id: string;
  provider: string;
  status: SourceStatus;
  payments: number;
  checked: number;
  differences: number;
  why: string | null;
}

interface DifferenceRow {
  run_id: string;
  provider: string;
  kind: string;
  field: string | null;
  transaction_id: string | null;
  provider_ref: string | null;
  ours_json: string | null;
  theirs_json: string | null;
}

const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

export class ReconciliationRepo {
  private readonly insertRun: SqliteStatement;
  private readonly insertSource: SqliteStatement;
  private readonly insertDifference: SqliteStatement;
  private readonly runsOfDay: SqliteStatement;
  private readonly sourcesOfRun: SqliteStatement;
  private readonly differencesOfRun: SqliteStatement;
  private readonly paymentsOfTerminal: SqliteStatement;

  constructor(db: SqliteDb) {
    this.insertRun = db.prepare(
      `INSERT INTO reconciliation_runs (id, day, time_zone, day_from, day_to, provider, requested_by, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertSource = db.prepare(
      `INSERT INTO reconciliation_sources (run_id, provider, status, payments, checked, differences, why)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertDifference = db.prepare(
      `INSERT INTO reconciliation_differences (run_id, provider, kind, field, transaction_id, provider_ref, ours_json, theirs_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.runsOfDay = db.prepare('SELECT * FROM reconciliation_runs WHERE day = ? ORDER BY started_at DESC, id LIMIT ?');
    this.sourcesOfRun = db.prepare('SELECT * FROM reconciliation_sources WHERE run_id = ? ORDER BY provider');
    this.differencesOfRun = db.prepare('SELECT * FROM reconciliation_differences WHERE run_id = ? ORDER BY id');
    // Through transactions_by_terminal_created (015): one range per terminal, no scan of the whole table.
    this.paymentsOfTerminal = db.prepare(
      `SELECT t.id, t.terminal_id, t.reference, t.state, t.currency, t.amount_authorized, t.amount_captured,
         t.provider_ref, t.provider_refs_json, t.created_at,
         (SELECT o.provider_ref FROM operations o
           WHERE o.transaction_id = t.id AND o.kind = 'capture' AND o.state = 'succeeded' LIMIT 1) AS capture_ref
       FROM transactions t
       WHERE t.terminal_id = ? AND t.created_at >= ? AND t.created_at < ?
       ORDER BY t.created_at, t.id`,
    );
  }

  /** Our payments made on these terminals in [from, to). */
  payments(terminalIds: readonly string[], from: string, to: string): PaymentRow[] {
    return terminalIds.flatMap((id) => this.paymentsOfTerminal.all(id, from, to) as PaymentRow[]);
  }

  /** Records a finished run with what each provider's check found. Call inside Store.write. */
  record(run: RunRecord): void {
    this.insertRun.run(
      run.id,
      run.day,
      run.timeZone,
      run.from,
      run.to,
      run.provider,
      run.requestedBy,
      run.startedAt,
      run.finishedAt,
    );
    for (const s of run.sources)
      this.insertSource.run(run.id, s.provider, s.status, s.payments, s.checked, s.differences, s.why);
    for (const d of run.differences)
      this.insertDifference.run(
        run.id,
        d.provider,
        d.kind,
        d.field,
        d.transactionId,
        d.providerRef,
        d.ours === null ? null : JSON.stringify(d.ours),
        d.theirs === null ? null : JSON.stringify(d.theirs),
      );
  }

  /** The day's runs, newest first, each with its sources and differences. */
  forDay(day: string, limit = 20): RunRecord[] {
    return (this.runsOfDay.all(day, limit) as RunRow[]).map((r) => ({
      id: r.id,
      day: r.day,
      timeZone: r.time_zone,
      from: r.day_from,
      to: r.day_to,
      provider: r.provider,
      requestedBy: r.requested_by,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      sources: (this.sourcesOfRun.all(r.id) as SourceRow[]).map((s) => ({
        provider: s.provider,
        status: s.status,
        payments: s.payments,
        checked: s.checked,
        differences: s.differences,
        why: s.why,
      })),
      differences: (this.differencesOfRun.all(r.id) as DifferenceRow[]).map((d) => ({
        provider: d.provider,
        kind: d.kind,
        field: d.field,
        transactionId: d.transaction_id,
        providerRef: d.provider_ref,
        ours: parse(d.ours_json),
        theirs: parse(d.theirs_json),
      })),
    }));
  }
}
