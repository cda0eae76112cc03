// A person settles an unresolved transaction after checking with the provider (its portal, the
// terminal's journal, a phone call). Audited in the event log with who and why; never silent.
import { BridgeError } from '../core/errors.js';
import type { TransactionState } from '../core/states.js';
import type { Store } from '../store/store.js';
import type { CardVault } from './card-vault.js';

export type ResolvedOutcome = 'authorized' | 'declined' | 'voided' | 'captured';

export interface ResolveRequest {
  readonly outcome: ResolvedOutcome;
  readonly note: string;
  readonly amount?: number;
  /** Who settled it: the API key's name. */
  readonly by: string;
}

/** What each outcome means for the operation that was in doubt. */
function operationResult(kind: string, outcome: ResolvedOutcome): 'succeeded' | 'failed' {
  if (kind === 'preauth') return outcome === 'declined' ? 'failed' : 'succeeded';
  if (kind === 'capture') return outcome === 'captured' ? 'succeeded' : 'failed';
  if (kind === 'void') return outcome === 'voided' ? 'succeeded' : 'failed';
  return outcome === 'authorized' ? 'succeeded' : 'failed';
}

export function resolveTransaction(store: Store, vault: CardVault, transactionId: string, req: ResolveRequest): void {
  store.write((w) => {
    const tx = store.transactions.get(transactionId);
    if (!tx) throw new BridgeError('not_found', `No transaction ${transactionId}`);
    if (tx.state !== 'unresolved') throw new BridgeError('invalid_state', `Only an unresolved transaction can be settled by hand; this one is ${tx.state}`);
    const ops = store.operations.byTransaction(tx.id);
    if (ops.some((o) => o.state === 'running')) throw new BridgeError('operation_in_progress', 'posbridge is asking the provider right now; try again in a moment');
    const op = ops.find((o) => o.state === 'unresolved' || o.state === 'queued');
    if (!op) throw new BridgeError('invalid_state', 'Nothing is in doubt on this transaction');
    if (req.outcome === 'declined' && op.kind !== 'preauth') throw new BridgeError('validation_failed', 'A follow-up cannot be declined; say whether the hold is authorized, captured or voided', [{ field: 'outcome', message: 'not possible for this transaction' }]);
    if (req.outcome === 'captured' && op.kind !== 'capture') throw new BridgeError('validation_failed', 'Only a capture in doubt can be settled as captured', [{ field: 'outcome', message: 'not possible for this transaction' }]);
    const result = operationResult(op.kind, req.outcome);
    const error = result === 'failed' ? { code: 'resolved_by_person', message: `Settled by ${req.by}: ${req.note}` } : null;
    store.operations.settleByPerson(op.id, result, error, w.at);
    const to: TransactionState = req.outcome;
    const patch = to === 'authorized'
      ? { amount_authorized: req.amount ?? tx.amount_authorized ?? tx.amount_requested, error_code: null, error_message: null }
      : to === 'captured' ? { amount_captured: req.amount ?? op.amount ?? tx.amount_authorized, error_code: null, error_message: null }
        : { error_code: to === 'declined' ? 'card_declined' : null, error_message: to === 'declined' ? `Settled by ${req.by}: ${req.note}` : null };
    store.transactions.transition(tx.id, 'unresolved', to, patch, w.at);
    const refs = { transactionId: tx.id, operationId: op.id, terminalId: tx.terminal_id };
    w.emit({ type: 'transaction.resolved', ...refs, data: { outcome: req.outcome, note: req.note, by: req.by, operation: op.kind, ...(req.amount !== undefined ? { amount: req.amount } : {}) } });
    w.emit({ type: 'transaction.state_changed', ...refs, data: { from: 'unresolved', to } });
  });
  const op = store.operations.byTransaction(transactionId).at(-1);
  if (op) vault.wipe(op.id);
}
