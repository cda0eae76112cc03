// The one writer of money state. Every change of `transactions.state`, `operations.state` and
// `operations.card_blob` happens here and nowhere else (a lint rule refuses the store's state methods
// elsewhere in bridge/): a claim, the decision a step led to, and every other way an operation ends —
// never sent (cancelled, expired in the queue, refused at the counter), resolved by a person, a hold that
// lapsed. Each change is checked against the tables of core/states.ts before it is written, is fenced in
// SQL by the state (and lease) it came from, emits the events that describe it, and wipes the card
// because the operation ended: no caller has to remember to.
import {
  canTransition,
  canTransitionOperation,
  isFinalOperationState,
  type OperationState,
  type TransactionState,
} from '../core/states.js';
import { BridgeError } from '../core/errors.js';
import type { Lease } from '../store/operations.js';
import type { OperationRow, TransactionRow } from '../store/rows.js';
import type { Store, WriteContext } from '../store/store.js';
import type { TransactionPatch } from '../store/transactions.js';
import type { Decision } from './decide.js';

/** Forgets the clear copy of a card kept in memory (the card vault). */
export type ForgetCard = (operationId: string) => void;

export type ResolvedOutcome = 'authorized' | 'declined' | 'voided' | 'captured';

export interface ResolveRequest {
  readonly outcome: ResolvedOutcome;
  readonly note: string;
  readonly amount?: number;
  /** Who settled it: the API key's name. */
  readonly by: string;
}

/** A bug, not a race: code asked for a change the state tables do not allow. */
export class IllegalTransition extends Error {
  constructor(what: string, from: string, to: string) {
    super(`illegal ${what} transition ${from} → ${to}`);
    this.name = 'IllegalTransition';
  }
}

const refsOf = (op: OperationRow) => ({
  transactionId: op.transaction_id,
  operationId: op.id,
  terminalId: op.terminal_id,
});

/** What each outcome a person chose means for the operation that was in doubt. */
function personResult(kind: string, outcome: ResolvedOutcome): 'succeeded' | 'failed' {
  if (kind === 'preauth') return outcome === 'declined' ? 'failed' : 'succeeded';
  if (kind === 'capture') return outcome === 'captured' ? 'succeeded' : 'failed';
  if (kind === 'void') return outcome === 'voided' ? 'succeeded' : 'failed';
  return outcome === 'authorized' ? 'succeeded' : 'failed';
}

export interface StateWriterOptions {
  /**
   * Whether an operation's attempts are compacted to their evidence (core/attempt-evidence.ts) in the write
   * that ends it. Off: they keep their raw bodies until the archive run compacts them (retention.compact_after_ms).
   */
  readonly compactAttemptsAtEnd?: boolean;
}

export class StateWriter {
  private readonly compactAtEnd: boolean;

  constructor(
    private readonly store: Store,
    private readonly forgetCard: ForgetCard = () => {},
    opts: StateWriterOptions = {},
  ) {
    this.compactAtEnd = opts.compactAttemptsAtEnd ?? true;
  }

  /** Leases a due operation; a preauth's transaction starts. Undefined when another worker got it first. */
  claim(operationId: string, lease: Lease): { op: OperationRow; tx: TransactionRow } | undefined {
    const { store } = this;
    // Unsynced: a claim lost to a power cut only means the operation is still queued. Every channel
    // records its attempt, synced, before anything goes out.
    return store.writeUnsynced((w) => {
      const before = store.operations.get(operationId);
      if (!before || !canTransitionOperation(before.state, 'running')) return undefined;
      if (!store.operations.claim(operationId, lease, w.now, w.at)) return undefined;
      const op = store.operations.get(operationId)!;
      const tx = store.transactions.get(op.transaction_id)!;
      if (op.kind === 'preauth' && tx.state === 'pending') this.moveTransaction(w, op, tx, 'in_progress', {});
      w.emit({
        type: 'operation.started',
        ...refsOf(op),
        data: { kind: op.kind, attempt: op.attempts, in_doubt: op.in_doubt === 1 },
      });
      return { op, tx: store.transactions.get(op.transaction_id)! };
    });
  }

  /**
   * Writes the decision a step led to: operation state (fenced by the lease token), transaction state
   * (guarded by its current state) and their events. Joins the caller's write when there is one, so the
   * step's answer and its decision commit together. `holdMs` dates a hold the POS gave no expires_at for.
   */
  apply(op: OperationRow, token: string, d: Decision, holdMs?: number): void {
    const { store } = this;
    store.write((w) => {
      const tx = store.transactions.get(op.transaction_id);
      if (!tx) throw new Error(`operation ${op.id} has no transaction`);
      const refs = refsOf(op);
      switch (d.kind) {
        case 'succeed':
          if (d.operationRef) store.operations.setProviderRef(op.id, d.operationRef);
          this.endOperation(w, op, 'succeeded', () => store.operations.finish(op.id, token, 'succeeded', null, w.at));
          w.emit({ type: 'operation.succeeded', ...refs, data: { kind: op.kind, attempts: op.attempts } });
          this.moveTransaction(w, op, tx, d.tx.to, {
            ...d.tx.patch,
            ...(op.kind === 'preauth' && !tx.expires_at && holdMs !== undefined
              ? { expires_at: new Date(w.now + holdMs).toISOString() }
              : {}),
          });
          return;
        case 'fail':
          this.endOperation(w, op, 'failed', () => store.operations.finish(op.id, token, 'failed', d.error, w.at));
          w.emit({ type: 'operation.failed', ...refs, data: { kind: op.kind, ...d.error } });
          if (d.tx) this.moveTransaction(w, op, tx, d.tx.to, d.tx.patch);
          // A follow-up that was unresolved turned out not to have happened: the hold stands as before.
          else if (tx.state === 'unresolved' && op.kind !== 'preauth')
            this.moveTransaction(w, op, tx, 'authorized', { error_code: null, error_message: null });
          return;
        case 'retry':
          this.checkOperation(op.state, 'queued');
          store.operations.requeue(op.id, token, d.at, d.inDoubt, d.error, w.now, w.at, d.refundAttempt ?? false);
          if (d.operationRef) store.operations.setProviderRef(op.id, d.operationRef);
          if (d.patch) store.transactions.patch(tx.id, tx.state, d.patch, w.at);
          if (d.unresolved && tx.state !== 'unresolved') {
            this.moveTransaction(w, op, store.transactions.get(tx.id)!, 'unresolved', {
              error_code: 'outcome_unresolved',
              error_message: d.error.message,
            });
            w.emit({
              type: 'alert.unresolved',
              ...refs,
              data: {
                message: `Transaction ${tx.reference} on ${tx.terminal_id} is not settled yet; posbridge keeps asking the provider (${d.error.message})`,
              },
            });
          }
          w.emit({
            type: 'operation.retry_scheduled',
            ...refs,
            data: {
              kind: op.kind,
              attempt: op.attempts,
              next_attempt_at: new Date(d.at).toISOString(),
              in_doubt: d.inDoubt,
              reason: d.error.message,
            },
          });
          return;
        case 'unresolved':
          this.endOperation(w, op, 'unresolved', () =>
            store.operations.finish(op.id, token, 'unresolved', d.error, w.at),
          );
          w.emit({ type: 'operation.unresolved', ...refs, data: { kind: op.kind, ...d.error } });
          w.emit({
            type: 'alert.unresolved',
            ...refs,
            data: { message: `Transaction ${tx.reference} on ${tx.terminal_id} needs a person: ${d.error.message}` },
          });
          this.moveTransaction(w, op, tx, d.tx.to, d.tx.patch);
          return;
      }
    });
  }

  /**
   * Ends an operation that provably never reached the provider (cancelled by the POS, waited too long
   * for an unreachable provider, too late for the customer at the counter). A preauth's transaction
   * fails with it. False, and nothing written, when it was sent or is running after all.
   */
  endUnsent(op: OperationRow, code: string, message: string, alert?: string): boolean {
    const { store } = this;
    return store.write((w) => {
      if (!this.endOperation(w, op, 'failed', () => store.operations.failUnsent(op.id, code, message, w.at)))
        return false;
      const refs = refsOf(op);
      w.emit({ type: 'operation.failed', ...refs, data: { kind: op.kind, code, message } });
      if (alert) w.emit({ type: alert, ...refs, data: { message } });
      const tx = store.transactions.get(op.transaction_id)!;
      if (op.kind === 'preauth' && (tx.state === 'pending' || tx.state === 'in_progress')) {
        this.moveTransaction(w, op, tx, 'failed', { error_code: code, error_message: message });
      }
      return true;
    });
  }

  /** The outcome could not be written: back to the queue in doubt, so it is resolved, never resent blindly. */
  releaseInDoubt(op: OperationRow, token: string, cause: unknown): void {
    const { store } = this;
    store.writeAfterFailure((w) => {
      this.checkOperation(op.state, 'queued');
      store.operations.requeue(
        op.id,
        token,
        w.now + 5_000,
        true,
        { code: 'internal_error', message: String((cause as Error)?.message ?? cause) },
        w.now,
        w.at,
      );
      store.attempts.abandonUnfinished(op.id, w.at);
    });
  }

  /** Takes over an operation whose worker is gone (see recovery.ts); false if another got there first. */
  takeOver(op: OperationRow, inDoubt: boolean, data: Record<string, unknown>): boolean {
    const { store } = this;
    return store.write((w) => {
      this.checkOperation(op.state, 'queued');
      if (!store.operations.takeOver(op.id, op.lease_token ?? '', inDoubt, w.now, w.at)) return false;
      store.attempts.abandonUnfinished(op.id, w.at);
      w.emit({ type: 'operation.recovered', ...refsOf(op), data: { kind: op.kind, in_doubt: inDoubt, ...data } });
      return true;
    });
  }

  /** A person settles an unresolved transaction after checking with the provider; audited with who and why. */
  resolveByPerson(transactionId: string, req: ResolveRequest): void {
    const { store } = this;
    store.write((w) => {
      const tx = store.transactions.get(transactionId);
      if (!tx) throw new BridgeError('not_found', `No transaction ${transactionId}`);
      if (tx.state !== 'unresolved')
        throw new BridgeError(
          'invalid_state',
          `Only an unresolved transaction can be settled by hand; this one is ${tx.state}`,
        );
      const ops = store.operations.byTransaction(tx.id);
      if (ops.some((o) => o.state === 'running'))
        throw new BridgeError(
          'operation_in_progress',
          'posbridge is asking the provider right now; try again in a moment',
        );
      const op = ops.find((o) => o.state === 'unresolved' || o.state === 'queued');
      if (!op) throw new BridgeError('invalid_state', 'Nothing is in doubt on this transaction');
      if (req.outcome === 'declined' && op.kind !== 'preauth')
        throw new BridgeError(
          'validation_failed',
          'A follow-up cannot be declined; say whether the hold is authorized, captured or voided',
          [{ field: 'outcome', message: 'not possible for this transaction' }],
        );
      if (req.outcome === 'captured' && op.kind !== 'capture')
        throw new BridgeError('validation_failed', 'Only a capture in doubt can be settled as captured', [
          { field: 'outcome', message: 'not possible for this transaction' },
        ]);
      const result = personResult(op.kind, req.outcome);
      const error =
        result === 'failed' ? { code: 'resolved_by_person', message: `Settled by ${req.by}: ${req.note}` } : null;
      this.endOperation(w, op, result, () => store.operations.settleByPerson(op.id, result, error, w.at));
      const to: TransactionState = req.outcome;
      const patch: TransactionPatch =
        to === 'authorized'
          ? {
              amount_authorized: req.amount ?? tx.amount_authorized ?? tx.amount_requested,
              error_code: null,
              error_message: null,
            }
          : to === 'captured'
            ? {
                amount_captured: req.amount ?? op.amount ?? tx.amount_authorized,
                error_code: null,
                error_message: null,
              }
            : {
                error_code: to === 'declined' ? 'card_declined' : null,
                error_message: to === 'declined' ? `Settled by ${req.by}: ${req.note}` : null,
              };
      w.emit({
        type: 'transaction.resolved',
        ...refsOf(op),
        data: {
          outcome: req.outcome,
          note: req.note,
          by: req.by,
          operation: op.kind,
          ...(req.amount !== undefined ? { amount: req.amount } : {}),
        },
      });
      this.moveTransaction(w, op, tx, to, patch);
    });
  }

  /** A hold that reached its expiry with nothing on its way lapses. False when it is no longer authorised. */
  expireHold(transactionId: string): boolean {
    const { store } = this;
    return store.write((w) => {
      const tx = store.transactions.get(transactionId);
      if (tx?.state !== 'authorized') return false;
      this.checkTransaction(tx.state, 'expired');
      store.transactions.transition(tx.id, 'authorized', 'expired', {}, w.at);
      w.emit({
        type: 'transaction.state_changed',
        transactionId: tx.id,
        terminalId: tx.terminal_id,
        data: { from: 'authorized', to: 'expired' },
      });
      w.emit({
        type: 'hold.expired',
        transactionId: tx.id,
        terminalId: tx.terminal_id,
        data: { reference: tx.reference, expires_at: tx.expires_at },
      });
      return true;
    });
  }

  /**
   * Moves an operation to a final state with `write` (false: the row was not in the state it was
   * seen in). An ended operation sends nothing more, so its card goes now: the sealed copy in the same
   * transaction (secure_delete overwrites the freed bytes), the clear copy in memory once it commits.
   */
  private endOperation(w: WriteContext, op: OperationRow, to: OperationState, write: () => boolean | void): boolean {
    this.checkOperation(op.state, to);
    if (write() === false) return false;
    if (isFinalOperationState(to)) {
      this.store.operations.wipeCard(op.id);
      // Nothing reads a settled operation's raw bodies again: recovery and the lookups work on open ones.
      // An unresolved one keeps them for the person who settles it.
      if (this.compactAtEnd && to !== 'unresolved') this.store.attempts.compactOperation(op.id, w.at);
      w.afterCommit(() => this.forgetCard(op.id));
    }
    return true;
  }

  private moveTransaction(
    w: WriteContext,
    op: OperationRow,
    tx: TransactionRow,
    to: TransactionState,
    patch: TransactionPatch,
  ): void {
    this.checkTransaction(tx.state, to);
    this.store.transactions.transition(tx.id, tx.state, to, patch, w.at);
    const refs = { transactionId: tx.id, operationId: op.id, terminalId: tx.terminal_id };
    if (to !== tx.state) w.emit({ type: 'transaction.state_changed', ...refs, data: { from: tx.state, to } });
    else w.emit({ type: 'transaction.updated', ...refs, data: { state: to } });
  }

  private checkOperation(from: OperationState, to: OperationState): void {
    if (!canTransitionOperation(from, to)) throw new IllegalTransition('operation', from, to);
  }

  private checkTransaction(from: TransactionState, to: TransactionState): void {
    if (!canTransition(from, to)) throw new IllegalTransition('transaction', from, to);
  }
}
