// The reads behind GET /v1/metrics' gauges, run at every scrape. Each one walks an index over what is
// open now (queued operations, authorised or unresolved transactions), never over history, so a scrape
// costs the same with 1,000 transactions or 1 M (EXPLAIN QUERY PLAN in test/unit/store/metrics-reads.test.ts).
import type { SqliteDb } from '../../native/sqlite.js';

export interface TerminalQueue {
  readonly depth: number;
  /** created_at of the oldest queued operation, or null when none waits. */
  readonly oldestCreatedAt: string | null;
}

export interface OpenHolds {
  readonly currency: string;
  readonly count: number;
  /** Sum of amount_authorized, in minor units of the currency. */
  readonly amountMinor: number;
}

export const METRICS_SQL = {
  // operations_open (state, terminal_id, next_attempt_at) WHERE state IN ('queued','running'): this terminal's
  // queued rows (the IN term is the partial index's own: SQLite uses it only when the query repeats it).
  queueDepth: `SELECT COUNT(*) AS n FROM operations
                 WHERE state IN ('queued','running') AND terminal_id = ? AND state = 'queued'`,
  queueOldest: `SELECT created_at FROM operations
                  WHERE state IN ('queued','running') AND terminal_id = ? AND state = 'queued' ORDER BY seq LIMIT 1`,
  // transactions_by_state (state, created_at): only the authorised rows are read.
  openHolds: `SELECT currency, COUNT(*) AS n, COALESCE(SUM(amount_authorized), 0) AS amount
                FROM transactions WHERE state = 'authorized' GROUP BY currency`,
  unresolved: `SELECT COUNT(*) AS n FROM transactions WHERE state = 'unresolved'`,
  // transactions_by_state (state, created_at): only the authorised rows are read.
  expiringBefore: `SELECT COUNT(*) AS n FROM transactions
                     WHERE state = 'authorized' AND expires_at IS NOT NULL AND expires_at <= ?`,
} as const;

export class MetricsReads {
  private readonly depthStmt;
  private readonly oldestStmt;
  private readonly holdsStmt;
  private readonly unresolvedStmt;
  private readonly expiringStmt;

  constructor(private readonly db: SqliteDb) {
    this.depthStmt = db.prepare(METRICS_SQL.queueDepth);
    this.oldestStmt = db.prepare(METRICS_SQL.queueOldest);
    this.holdsStmt = db.prepare(METRICS_SQL.openHolds);
    this.unresolvedStmt = db.prepare(METRICS_SQL.unresolved);
    this.expiringStmt = db.prepare(METRICS_SQL.expiringBefore);
  }

  queue(terminalId: string): TerminalQueue {
    const depth = (this.depthStmt.get(terminalId) as { n: number }).n;
    const oldest = depth > 0 ? (this.oldestStmt.get(terminalId) as { created_at: string } | undefined) : undefined;
    return { depth, oldestCreatedAt: oldest?.created_at ?? null };
  }

  openHolds(): OpenHolds[] {
    return (this.holdsStmt.all() as { currency: string; n: number; amount: number }[]).map((r) => ({
      currency: r.currency,
      count: r.n,
      amountMinor: r.amount,
    }));
  }

  unresolvedCount(): number {
    return (this.unresolvedStmt.get() as { n: number }).n;
  }

  /** Authorised holds whose expires_at is at or before `horizonIso` (those already past included: not expired yet). */
  expiringBefore(horizonIso: string): number {
    return (this.expiringStmt.get(horizonIso) as { n: number }).n;
  }

  /** page_count × page_size: two pragmas that read the header, not the file. */
  sizeBytes(): number {
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    const size = Number(this.db.pragma('page_size', { simple: true }));
    return pages * size;
  }
}
