// The outbox. Each POS request becomes one operation row, written with its transaction before any I/O.
// A worker leases an operation (token + expiry), and every later write is fenced by that token, so a
// worker whose lease was taken over can never overwrite the newer worker's result.
import type { SqliteDb } from '../../native/sqlite.js';
import type { OperationKind, OperationState } from '../core/states.js';
import type { OperationRow } from './rows.js';

export interface NewOperation {
  readonly id: string;
  readonly transactionId: string;
  readonly terminalId: string;
  readonly kind: OperationKind;
  readonly amount: number | null;
  readonly fingerprint: string;
  readonly clientKey: string | null;
  readonly idempotencyKey: string;
  readonly maxAttempts: number;
  /** Why it waits from the start (its provider is unreachable), if it does. */
  readonly queuedReason?: string | null;
  /** The card, sealed, for an operation that sends one: kept until the operation ends (see state-writer.ts). */
  readonly cardBlob?: Buffer | null;
  /** Who asked for it: the API key's name, `window:<name>` for staff at the status window, `posbridge` itself. */
  readonly requestedBy?: string | null;
}

/** A capture or void that failed after its caller was answered "under way": nobody saw it end. */
export interface FailedAfterAnswer extends OperationRow {
  readonly reference: string;
  readonly currency: string;
  readonly provider: string;
  readonly transaction_state: string;
  readonly card_brand: string | null;
  readonly card_masked_pan: string | null;
}

export interface Lease {
  readonly token: string;
  readonly owner: string;
  readonly pid: number;
  readonly until: number;
}

export class LeaseLostError extends Error {
  constructor(readonly operationId: string) {
    super(`lease on operation ${operationId} was lost`);
    this.name = 'LeaseLostError';
  }
}

export class OperationRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly byTxStmt;
  private readonly byClientKeyStmt;
  private readonly openForStmt;
  private readonly runningForStmt;
  private readonly dueStmt;
  private readonly nextDueAtStmt;
  private readonly claimStmt;
  private readonly requeueStmt;
  private readonly finishStmt;
  private readonly runningStmt;
  private readonly takeOverStmt;
  private readonly lanesStmt;
  private readonly depthStmt;
  private readonly refStmt;
  private readonly receiptStmt;
  private readonly settleStmt;
  private readonly queuedStmt;
  private readonly dueStmt2;
  private readonly cardWipeStmt;
  private readonly offlineStmt;
  private readonly waitingStmt;
  private readonly staleQueuedStmt;
  private readonly cancelRequestStmt;
  private readonly cancelSentStmt;
  private readonly cancelLocalStmt;
  private readonly depthByTerminalStmt;
  private readonly answeredOpenStmt;
  private readonly failedAfterAnswerStmt;
  private readonly countFailedAfterAnswerStmt;

  constructor(db: SqliteDb) {
    this.insertStmt = db.prepare(
      `INSERT INTO operations (id, transaction_id, terminal_id, kind, state, amount, request_fingerprint, client_key,
         idempotency_key, max_attempts, next_attempt_at, queued_reason, card_blob, requested_by, created_at, updated_at)
       VALUES (@id, @transaction_id, @terminal_id, @kind, 'queued', @amount, @fingerprint, @client_key,
         @idempotency_key, @max_attempts, @now, @queued_reason, @card_blob, @requested_by, @at, @at)`,
    );
    this.getStmt = db.prepare('SELECT * FROM operations WHERE id = ?');
    this.byTxStmt = db.prepare('SELECT * FROM operations WHERE transaction_id = ? ORDER BY seq');
    this.byClientKeyStmt = db.prepare('SELECT * FROM operations WHERE transaction_id = ? AND client_key = ?');
    this.openForStmt = db.prepare(
      `SELECT * FROM operations WHERE transaction_id = ? AND state IN ('queued','running','unresolved') ORDER BY seq LIMIT 1`,
    );
    // A lane's reads repeat the partial index operations_open's WHERE (migration 010): SQLite uses a partial
    // index only when the query repeats it, and that index holds open work only, however long the history.
    this.runningForStmt = db.prepare(
      `SELECT * FROM operations WHERE state IN ('queued','running') AND terminal_id = ? AND state = 'running' LIMIT 1`,
    );
    this.dueStmt = db.prepare(
      `SELECT * FROM operations WHERE state IN ('queued','running') AND terminal_id = ? AND state = 'queued'
         AND next_attempt_at <= ? ORDER BY seq LIMIT 1`,
    );
    this.nextDueAtStmt = db.prepare(
      `SELECT MIN(next_attempt_at) AS at FROM operations
        WHERE state IN ('queued','running') AND terminal_id = ? AND state = 'queued'`,
    );
    this.claimStmt = db.prepare(
      `UPDATE operations SET state = 'running', attempts = attempts + 1, lease_token = @token, lease_owner = @owner,
         lease_pid = @pid, lease_until = @until, updated_at = @at
       WHERE id = @id AND state = 'queued' AND next_attempt_at <= @now
         AND NOT EXISTS (SELECT 1 FROM operations busy WHERE busy.state IN ('queued','running')
                           AND busy.terminal_id = operations.terminal_id AND busy.state = 'running')`,
    );
    this.requeueStmt = db.prepare(
      `UPDATE operations SET state = 'queued', next_attempt_at = @next, in_doubt = @in_doubt, attempts = attempts - @refund,
         in_doubt_since = CASE WHEN @in_doubt = 1 THEN COALESCE(in_doubt_since, @now) ELSE NULL END,
         error_code = @error_code, error_message = @error_message,
         lease_token = NULL, lease_owner = NULL, lease_pid = NULL, lease_until = NULL, updated_at = @at
       WHERE id = @id AND state = 'running' AND lease_token = @token`,
    );
    this.finishStmt = db.prepare(
      `UPDATE operations SET state = @state, error_code = @error_code, error_message = @error_message,
         in_doubt = CASE WHEN @state = 'unresolved' THEN 1 ELSE 0 END,
         lease_token = NULL, lease_owner = NULL, lease_pid = NULL, lease_until = NULL,
         updated_at = @at, finished_at = @at
       WHERE id = @id AND state = 'running' AND lease_token = @token`,
    );
    // The IN term is the partial index operations_open's own (migration 010): SQLite uses a partial index
    // only when the query repeats its WHERE, and this runs at start and on every sweep.
    this.runningStmt = db.prepare(
      `SELECT * FROM operations WHERE state IN ('queued','running') AND state = 'running' ORDER BY seq`,
    );
    this.takeOverStmt = db.prepare(
      `UPDATE operations SET state = 'queued', in_doubt = @in_doubt,
         in_doubt_since = CASE WHEN @in_doubt = 1 THEN COALESCE(in_doubt_since, @now) ELSE in_doubt_since END,
         next_attempt_at = @now, lease_token = NULL, lease_owner = NULL, lease_pid = NULL, lease_until = NULL,
         updated_at = @at
       WHERE id = @id AND state = 'running' AND lease_token = @token`,
    );
    this.lanesStmt = db.prepare(
      `SELECT terminal_id, MIN(next_attempt_at) AS next_at FROM operations
       WHERE state IN ('queued','running') GROUP BY terminal_id`,
    );
    this.refStmt = db.prepare('UPDATE operations SET provider_ref = ? WHERE id = ?');
    this.receiptStmt = db.prepare('UPDATE operations SET receipt_text = ? WHERE id = ?');
    // A person settles what the bridge could not: an unresolved operation, or one still being polled.
    this.settleStmt = db.prepare(
      `UPDATE operations SET state = @state, in_doubt = 0, error_code = @error_code, error_message = @error_message,
         lease_token = NULL, lease_owner = NULL, lease_pid = NULL, lease_until = NULL, updated_at = @at, finished_at = @at
       WHERE id = @id AND state IN ('unresolved', 'queued')`,
    );
    this.queuedStmt = db.prepare('UPDATE operations SET queued_reason = ? WHERE id = ? AND queued_reason IS NULL');
    this.dueStmt2 = db.prepare(
      `UPDATE operations SET next_attempt_at = MIN(next_attempt_at, ?) WHERE id = ? AND state = 'queued'`,
    );
    this.cardWipeStmt = db.prepare('UPDATE operations SET card_blob = NULL WHERE id = ? AND card_blob IS NOT NULL');
    this.offlineStmt = db.prepare(
      `SELECT o.*, t.currency AS currency, t.provider AS provider FROM operations o JOIN transactions t ON t.id = o.transaction_id
       WHERE o.state IN ('queued', 'running') AND o.queued_reason IS NOT NULL ORDER BY o.seq`,
    );
    this.staleQueuedStmt = db.prepare(
      `SELECT * FROM operations o WHERE o.state = 'queued' AND o.queued_reason IS NOT NULL AND o.created_at < ?
         AND o.in_doubt = 0 AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.operation_id = o.id AND (a.outcome_kind IS NULL OR a.outcome_kind <> 'retryable'))
       ORDER BY o.seq`,
    );
    this.cancelRequestStmt = db.prepare(
      `UPDATE operations SET cancel_requested_at = COALESCE(cancel_requested_at, @at), next_attempt_at = MIN(next_attempt_at, @now), updated_at = @at
       WHERE id = @id AND state IN ('queued', 'running')`,
    );
    this.cancelSentStmt = db.prepare('UPDATE operations SET cancel_sent_at = ? WHERE id = ?');
    // Never sent: no attempt reached the provider (every one was refused before sending), so this is local.
    this.cancelLocalStmt = db.prepare(
      `UPDATE operations SET state = 'failed', error_code = @code, error_message = @message, updated_at = @at, finished_at = @at
       WHERE id = @id AND state = 'queued' AND in_doubt = 0 AND NOT EXISTS (SELECT 1 FROM attempts WHERE attempts.operation_id = operations.id AND (attempts.outcome_kind IS NULL OR attempts.outcome_kind <> 'retryable'))`,
    );
    // "Waiting to be sent" is one set everywhere it is counted or listed: open operations not being sent
    // right now (queued: new, waiting for a provider that cannot be reached, or to be tried again).
    this.depthStmt = db.prepare(
      `SELECT COALESCE(SUM(state = 'queued' OR queued_reason IS NOT NULL), 0) AS n FROM operations WHERE state IN ('queued','running')`,
    );
    this.depthByTerminalStmt = db.prepare(
      `SELECT terminal_id, SUM(state = 'queued' OR queued_reason IS NOT NULL) AS queued, SUM(state = 'running') AS running FROM operations
       WHERE state IN ('queued','running') GROUP BY terminal_id`,
    );
    this.waitingStmt = db.prepare(
      `SELECT o.*, t.currency AS currency, t.provider AS provider FROM operations o JOIN transactions t ON t.id = o.transaction_id
       WHERE o.state IN ('queued','running') AND (o.state = 'queued' OR o.queued_reason IS NOT NULL) ORDER BY o.seq`,
    );
    // Whatever its state now: the answer already sent said "under way", even if it ended a moment later.
    this.answeredOpenStmt = db.prepare(
      'UPDATE operations SET answered_open_at = COALESCE(answered_open_at, ?) WHERE id = ?',
    );
    // The WHERE repeats the partial index operations_failed_after_answer's own (migration 016). Listed
    // until something newer happens to the transaction (charged or released again, settled by a person).
    // One condition for the list and its count, so the status headline counts exactly what the list shows.
    const failedAfterAnswer = `o.answered_open_at IS NOT NULL AND o.state = 'failed' AND o.kind IN ('capture','void')
         AND NOT EXISTS (SELECT 1 FROM operations later WHERE later.transaction_id = o.transaction_id AND later.seq > o.seq)`;
    this.failedAfterAnswerStmt = db.prepare(
      `SELECT o.*, t.reference AS reference, t.currency AS currency, t.provider AS provider,
         t.state AS transaction_state, t.card_brand AS card_brand, t.card_masked_pan AS card_masked_pan
       FROM operations o JOIN transactions t ON t.id = o.transaction_id
       WHERE ${failedAfterAnswer}
       ORDER BY o.finished_at DESC, o.seq DESC LIMIT ?`,
    );
    this.countFailedAfterAnswerStmt = db.prepare(`SELECT COUNT(*) AS n FROM operations o WHERE ${failedAfterAnswer}`);
  }

  insert(op: NewOperation, now: number, at: string): void {
    this.insertStmt.run({
      id: op.id,
      transaction_id: op.transactionId,
      terminal_id: op.terminalId,
      kind: op.kind,
      amount: op.amount,
      fingerprint: op.fingerprint,
      client_key: op.clientKey,
      idempotency_key: op.idempotencyKey,
      max_attempts: op.maxAttempts,
      queued_reason: op.queuedReason ?? null,
      card_blob: op.cardBlob ?? null,
      requested_by: op.requestedBy ?? null,
      now,
      at,
    });
  }

  get(id: string): OperationRow | undefined {
    return this.getStmt.get(id) as OperationRow | undefined;
  }

  byTransaction(transactionId: string): OperationRow[] {
    return this.byTxStmt.all(transactionId) as OperationRow[];
  }

  byClientKey(transactionId: string, clientKey: string): OperationRow | undefined {
    return this.byClientKeyStmt.get(transactionId, clientKey) as OperationRow | undefined;
  }

  openFor(transactionId: string): OperationRow | undefined {
    return this.openForStmt.get(transactionId) as OperationRow | undefined;
  }

  /** The operation a terminal is working on now, if any: a terminal does one thing at a time. */
  runningFor(terminalId: string): OperationRow | undefined {
    return this.runningForStmt.get(terminalId) as OperationRow | undefined;
  }

  /**
   * The oldest operation of the lane that is due. One waiting for its next attempt (a backoff, a
   * lookup later) does not hold up the others: ops of one transaction never overlap anyway.
   */
  nextDue(terminalId: string, now: number): OperationRow | undefined {
    return this.dueStmt.get(terminalId, now) as OperationRow | undefined;
  }

  /** When the lane's next queued operation becomes due, if it has any. */
  nextDueAt(terminalId: string): number | undefined {
    return (this.nextDueAtStmt.get(terminalId) as { at: number | null }).at ?? undefined;
  }

  claim(id: string, lease: Lease, now: number, at: string): boolean {
    return (
      this.claimStmt.run({ id, token: lease.token, owner: lease.owner, pid: lease.pid, until: lease.until, now, at })
        .changes === 1
    );
  }

  /** Back to the queue for another attempt; `inDoubt` marks that an earlier attempt may have taken effect. */
  requeue(
    id: string,
    token: string,
    next: number,
    inDoubt: boolean,
    error: { code: string; message: string } | null,
    now: number,
    at: string,
    refundAttempt = false,
  ): void {
    const info = this.requeueStmt.run({
      id,
      token,
      next,
      in_doubt: inDoubt ? 1 : 0,
      error_code: error?.code ?? null,
      error_message: error?.message ?? null,
      now,
      at,
      refund: refundAttempt ? 1 : 0,
    });
    if (info.changes !== 1) throw new LeaseLostError(id);
  }

  finish(
    id: string,
    token: string,
    state: Extract<OperationState, 'succeeded' | 'failed' | 'unresolved'>,
    error: { code: string; message: string } | null,
    at: string,
  ): void {
    const info = this.finishStmt.run({
      id,
      token,
      state,
      error_code: error?.code ?? null,
      error_message: error?.message ?? null,
      at,
    });
    if (info.changes !== 1) throw new LeaseLostError(id);
  }

  running(): OperationRow[] {
    return this.runningStmt.all() as OperationRow[];
  }

  /** Takes over an orphaned lease (its worker died or ran out of time). */
  takeOver(id: string, token: string, inDoubt: boolean, now: number, at: string): boolean {
    return this.takeOverStmt.run({ id, token, in_doubt: inDoubt ? 1 : 0, now, at }).changes === 1;
  }

  lanesWithWork(): { terminal_id: string; next_at: number }[] {
    return this.lanesStmt.all() as { terminal_id: string; next_at: number }[];
  }

  /** Per terminal: operations waiting to be sent (the set `waiting()` lists), and how many run now. */
  depthByTerminal(): Map<string, { queued: number; running: number }> {
    const rows = this.depthByTerminalStmt.all() as { terminal_id: string; queued: number; running: number }[];
    return new Map(rows.map((r) => [r.terminal_id, { queued: r.queued, running: r.running }]));
  }

  /** Marks a POS's cancel request and makes the operation due now, so its lane sends the cancel. */
  requestCancel(id: string, now: number, at: string): boolean {
    return this.cancelRequestStmt.run({ id, now, at }).changes === 1;
  }

  markCancelSent(id: string, at: string): void {
    this.cancelSentStmt.run(at, id);
  }

  /** Fails an operation that was never sent (cancelled, expired, refused offline); false if it was sent or is running. */
  failUnsent(id: string, code: string, message: string, at: string): boolean {
    return this.cancelLocalStmt.run({ id, code, message, at }).changes === 1;
  }

  settleByPerson(
    id: string,
    state: 'succeeded' | 'failed',
    error: { code: string; message: string } | null,
    at: string,
  ): boolean {
    return (
      this.settleStmt.run({ id, state, error_code: error?.code ?? null, error_message: error?.message ?? null, at })
        .changes === 1
    );
  }

  /** Records why an operation is waiting (the first reason stays). */
  markQueued(id: string, reason: string): void {
    this.queuedStmt.run(reason, id);
  }

  makeDue(id: string, now: number): void {
    this.dueStmt2.run(now, id);
  }

  /** Nulls the sealed card data; with secure_delete on, SQLite overwrites the freed bytes. */
  wipeCard(id: string): boolean {
    return this.cardWipeStmt.run(id).changes === 1;
  }

  /** The operations waiting for an unreachable provider (or being tried again just now), oldest first. */
  offlineQueue(): (OperationRow & { currency: string; provider: string })[] {
    return this.offlineStmt.all() as (OperationRow & { currency: string; provider: string })[];
  }

  /** Every operation waiting to be sent, oldest first: what `queueDepth` and `depthByTerminal` count. */
  waiting(): (OperationRow & { currency: string; provider: string })[] {
    return this.waitingStmt.all() as (OperationRow & { currency: string; provider: string })[];
  }

  /** Queued, never reached the provider, and created before `beforeIso`. */
  staleQueued(beforeIso: string): OperationRow[] {
    return this.staleQueuedStmt.all(beforeIso) as OperationRow[];
  }

  /** The provider's own id for this operation (an async capture's operation id). */
  setProviderRef(id: string, ref: string): void {
    this.refStmt.run(ref, id);
  }

  /** The receipt the terminal printed for this operation (masked card data only). */
  setReceipt(id: string, text: string): void {
    this.receiptStmt.run(text, id);
  }

  /** Notes that the caller was answered while the operation was still under way (a 202). */
  markAnsweredOpen(id: string, at: string): boolean {
    return this.answeredOpenStmt.run(at, id).changes === 1;
  }

  /** Captures and voids that failed after their caller heard "under way", newest first (GET /v1/attention). */
  failedAfterAnswer(limit: number): FailedAfterAnswer[] {
    return this.failedAfterAnswerStmt.all(limit) as FailedAfterAnswer[];
  }

  /** How many `failedAfterAnswer` lists, without reading the rows (the status headline's count). */
  countFailedAfterAnswer(): number {
    return (this.countFailedAfterAnswerStmt.get() as { n: number }).n;
  }

  /** How many operations wait to be sent (the length of `waiting()`). */
  queueDepth(): number {
    return (this.depthStmt.get() as { n: number }).n;
  }
}
