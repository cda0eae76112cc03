// Transactions: one row per POS preauth. State changes are guarded (`WHERE state = :from`) and must
// change exactly one row, or the caller's view of the world was stale and nothing is written.
import type { SqliteDb, SqliteStatement } from '../../native/sqlite.js';
import { canTransition, type TransactionState } from '../core/states.js';
import type { TransactionRow } from './rows.js';

export interface NewTransaction {
  readonly id: string;
  readonly terminalId: string;
  readonly provider: string;
  readonly reference: string;
  readonly fingerprint: string;
  readonly currency: string;
  readonly amount: number;
  readonly expiresAt: string | null;
  readonly operator: string | null;
  readonly metadata: Record<string, unknown> | null;
  readonly card: { brand: string; maskedPan: string; entryMode: string } | null;
}

/** Columns an outcome may set alongside a state change. */
export interface TransactionPatch {
  amount_authorized?: number | null;
  amount_captured?: number | null;
  card_brand?: string | null;
  card_masked_pan?: string | null;
  card_entry_mode?: string | null;
  auth_code?: string | null;
  provider_ref?: string | null;
  provider_refs_json?: string;
  error_code?: string | null;
  error_message?: string | null;
  expires_at?: string | null;
}

const PATCHABLE = new Set<keyof TransactionPatch>([
  'amount_authorized',
  'amount_captured',
  'card_brand',
  'card_masked_pan',
  'card_entry_mode',
  'auth_code',
  'provider_ref',
  'provider_refs_json',
  'error_code',
  'error_message',
  'expires_at',
]);

export class StaleStateError extends Error {
  constructor(
    readonly transactionId: string,
    readonly expected: TransactionState,
  ) {
    super(`transaction ${transactionId} is no longer ${expected}`);
    this.name = 'StaleStateError';
  }
}

export interface TransactionFilter {
  readonly reference?: string;
  readonly state?: TransactionState;
  readonly terminalId?: string;
  /** Part of the reference, any case. A substring cannot be found through a b-tree index: it is tested on the
   * rows the other filters and the created_at order reach, and the page size bounds what one call returns. */
  readonly referenceContains?: string;
  /** Requested or authorised amount, exact, in minor units. */
  readonly amount?: number;
  /** The card's last four digits (the end of card_masked_pan). */
  readonly last4?: string;
  /** created_at at or after this ISO instant. */
  readonly from?: string;
  /** created_at before this ISO instant. */
  readonly to?: string;
  /** Authorised holds that expire before this instant. */
  readonly expiringBefore?: string;
  readonly limit: number;
  /** oldest (default): created_at, id ascending; newest: descending (the API's and the window's order). */
  readonly order?: 'newest' | 'oldest';
  /** Keyset cursor: rows strictly past this (created_at, id) in the chosen order. */
  readonly after?: { createdAt: string; id: string };
}

export class TransactionRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byRefStmt;
  private readonly countStmt;
  /**
   * Statements whose SQL is built per call (a transition's patched columns, a list's filters), prepared
   * once per distinct text: a handful of shapes, so the map stays small.
   */
  private readonly built = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDb) {
    this.insertStmt = db.prepare(
      `INSERT INTO transactions (id, terminal_id, provider, reference, request_fingerprint, state, currency,
         amount_requested, card_brand, card_masked_pan, card_entry_mode, expires_at, operator, metadata_json,
         created_at, updated_at)
       VALUES (@id, @terminal_id, @provider, @reference, @fingerprint, 'pending', @currency, @amount,
         @card_brand, @card_masked_pan, @card_entry_mode, @expires_at, @operator, @metadata_json, @at, @at)`,
    );
    this.getStmt = db.prepare('SELECT * FROM transactions WHERE id = ?');
    this.byRefStmt = db.prepare('SELECT * FROM transactions WHERE terminal_id = ? AND reference = ?');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM transactions WHERE state = ?');
  }

  private prepared(sql: string): SqliteStatement {
    let stmt = this.built.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.built.set(sql, stmt);
    }
    return stmt;
  }

  countInState(state: TransactionState): number {
    return (this.countStmt.get(state) as { n: number }).n;
  }

  insert(t: NewTransaction, at: string): void {
    this.insertStmt.run({
      id: t.id,
      terminal_id: t.terminalId,
      provider: t.provider,
      reference: t.reference,
      fingerprint: t.fingerprint,
      currency: t.currency,
      amount: t.amount,
      card_brand: t.card?.brand ?? null,
      card_masked_pan: t.card?.maskedPan ?? null,
      card_entry_mode: t.card?.entryMode ?? null,
      expires_at: t.expiresAt,
      operator: t.operator,
      metadata_json: t.metadata ? JSON.stringify(t.metadata) : null,
      at,
    });
  }

  get(id: string): TransactionRow | undefined {
    return this.getStmt.get(id) as TransactionRow | undefined;
  }

  byReference(terminalId: string, reference: string): TransactionRow | undefined {
    return this.byRefStmt.get(terminalId, reference) as TransactionRow | undefined;
  }

  /** Guarded state change; throws StaleStateError unless exactly one row changed. */
  transition(id: string, from: TransactionState, to: TransactionState, patch: TransactionPatch, at: string): void {
    if (!canTransition(from, to)) throw new Error(`illegal transaction transition ${from} → ${to}`);
    const sets = ['state = @to', 'updated_at = @at'];
    const params: Record<string, unknown> = { id, from, to, at };
    for (const [key, value] of Object.entries(patch)) {
      if (!PATCHABLE.has(key as keyof TransactionPatch) || value === undefined) continue;
      sets.push(`${key} = @${key}`);
      params[key] = value;
    }
    const info = this.prepared(`UPDATE transactions SET ${sets.join(', ')} WHERE id = @id AND state = @from`).run(
      params,
    );
    if (info.changes !== 1) throw new StaleStateError(id, from);
  }

  /** Sets columns without a state change, still guarded by the state the caller saw. */
  patch(id: string, state: TransactionState, patch: TransactionPatch, at: string): void {
    const sets = ['updated_at = @at'];
    const params: Record<string, unknown> = { id, state, at };
    for (const [key, value] of Object.entries(patch)) {
      if (!PATCHABLE.has(key as keyof TransactionPatch) || value === undefined) continue;
      sets.push(`${key} = @${key}`);
      params[key] = value;
    }
    if (sets.length === 1) return;
    const info = this.prepared(`UPDATE transactions SET ${sets.join(', ')} WHERE id = @id AND state = @state`).run(
      params,
    );
    if (info.changes !== 1) throw new StaleStateError(id, state);
  }

  /** Authorised holds whose expiry is at or before `beforeIso`, soonest first. */
  authorizedExpiringBefore(beforeIso: string): TransactionRow[] {
    return this.prepared(
      `SELECT * FROM transactions WHERE state = 'authorized' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at`,
    ).all(beforeIso) as TransactionRow[];
  }

  /** What the POS was just told about the transaction. */
  recordToldPos(id: string, result: string, at: string): void {
    this.prepared('UPDATE transactions SET pos_told_result = ?, pos_told_at = ? WHERE id = ?').run(result, at, id);
  }

  /** Authorised holds the POS last heard of as not final, told no later than `toldBeforeIso`, not yet raised. */
  orphanCandidates(toldBeforeIso: string): TransactionRow[] {
    return this.prepared(
      `SELECT * FROM transactions WHERE state = 'authorized' AND pos_told_result IN ('pending','unknown')
      AND orphan_alerted_at IS NULL AND pos_told_at <= ? AND updated_at <= ? ORDER BY updated_at`,
    ).all(toldBeforeIso, toldBeforeIso) as TransactionRow[];
  }

  countOrphanHolds(): number {
    return (
      this.prepared(
        `SELECT COUNT(*) AS n FROM transactions WHERE state = 'authorized' AND orphan_alerted_at IS NOT NULL AND pos_told_result IN ('pending','unknown')`,
      ).get() as { n: number }
    ).n;
  }

  markOrphanAlerted(id: string, at: string): boolean {
    return (
      this.prepared('UPDATE transactions SET orphan_alerted_at = ? WHERE id = ? AND orphan_alerted_at IS NULL').run(
        at,
        id,
      ).changes === 1
    );
  }

  markExpiryWarned(id: string, at: string): boolean {
    return (
      this.prepared('UPDATE transactions SET expiry_warned_at = ? WHERE id = ? AND expiry_warned_at IS NULL').run(
        at,
        id,
      ).changes === 1
    );
  }

  list(f: TransactionFilter): TransactionRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit };
    // Each filter given adds its condition and its one parameter, in this order (the SQL text, and so the
    // prepared statement, is the same for the same filters).
    const when = (value: unknown, condition: string, param: string) => {
      if (value === undefined) return;
      where.push(condition);
      params[param] = value;
    };
    when(f.reference, 'reference = @reference', 'reference');
    when(f.state, 'state = @state', 'state');
    when(f.terminalId, 'terminal_id = @terminal_id', 'terminal_id');
    when(f.referenceContains?.toLowerCase(), 'instr(lower(reference), @reference_part) > 0', 'reference_part');
    when(f.amount, '(amount_requested = @amount OR amount_authorized = @amount)', 'amount');
    when(f.last4, 'substr(card_masked_pan, -4) = @last4', 'last4');
    when(f.from, 'created_at >= @from', 'from');
    when(f.to, 'created_at < @to', 'to');
    when(
      f.expiringBefore,
      `state = 'authorized' AND expires_at IS NOT NULL AND expires_at <= @expiring_before`,
      'expiring_before',
    );
    const oldest = f.order !== 'newest';
    if (f.after) {
      where.push(`(created_at, id) ${oldest ? '>' : '<'} (@after_created, @after_id)`);
      params.after_created = f.after.createdAt;
      params.after_id = f.after.id;
    }
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${oldest ? 'created_at, id' : 'created_at DESC, id DESC'} LIMIT @limit`;
    return this.prepared(sql).all(params) as TransactionRow[];
  }

  /** The terminal's newest transaction: its last payment, read from the end of transactions_by_terminal_created. */
  lastOfTerminal(terminalId: string): TransactionRow | undefined {
    return this.prepared(
      'SELECT * FROM transactions WHERE terminal_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
    ).get(terminalId) as TransactionRow | undefined;
  }
}
