// Writes a decision: operation state (fenced by the lease token), transaction state (guarded by its
// current state) and the events that describe both, all in one SQLite transaction.
import type { OperationRow, TransactionRow } from '../store/rows.js';
import type { Store, WriteContext } from '../store/store.js';
import type { Decision } from './decide.js';

function changeTransaction(store: Store, w: WriteContext, tx: TransactionRow, to: TransactionRow['state'], patch: object, op: OperationRow): void {
  store.transactions.transition(tx.id, tx.state, to, patch, w.at);
  if (to !== tx.state) {
    w.emit({ type: 'transaction.state_changed', transactionId: tx.id, operationId: op.id, terminalId: tx.terminal_id, data: { from: tx.state, to } });
  } else {
    w.emit({ type: 'transaction.updated', transactionId: tx.id, operationId: op.id, terminalId: tx.terminal_id, data: { state: to } });
  }
}

/** `holdMs`: how long a hold lasts, to date one the POS gave no expires_at for. */
export function applyDecision(store: Store, op: OperationRow, token: string, d: Decision, holdMs?: number): void {
  store.write((w) => {
    const tx = store.transactions.get(op.transaction_id);
    if (!tx) throw new Error(`operation ${op.id} has no transaction`);
    const refs = { transactionId: tx.id, operationId: op.id, terminalId: op.terminal_id };
    switch (d.kind) {
      case 'succeed':
        if (d.operationRef) store.operations.setProviderRef(op.id, d.operationRef);
        store.operations.finish(op.id, token, 'succeeded', null, w.at);
        w.emit({ type: 'operation.succeeded', ...refs, data: { kind: op.kind, attempts: op.attempts } });
        changeTransaction(store, w, tx, d.tx.to, {
          ...d.tx.patch,
          ...(op.kind === 'preauth' && !tx.expires_at && holdMs !== undefined ? { expires_at: new Date(w.now + holdMs).toISOString() } : {}),
        }, op);
        return;
      case 'fail':
        store.operations.finish(op.id, token, 'failed', d.error, w.at);
        w.emit({ type: 'operation.failed', ...refs, data: { kind: op.kind, ...d.error } });
        if (d.tx) changeTransaction(store, w, tx, d.tx.to, d.tx.patch, op);
        // A follow-up that was unresolved turned out not to have happened: the hold stands as before.
        else if (tx.state === 'unresolved' && op.kind !== 'preauth') changeTransaction(store, w, tx, 'authorized', { error_code: null, error_message: null }, op);
        return;
      case 'retry':
        store.operations.requeue(op.id, token, d.at, d.inDoubt, d.error, w.now, w.at, d.refundAttempt ?? false);
        if (d.operationRef) store.operations.setProviderRef(op.id, d.operationRef);
        if (d.patch) store.transactions.patch(tx.id, tx.state, d.patch, w.at);
        if (d.unresolved && tx.state !== 'unresolved') {
          changeTransaction(store, w, store.transactions.get(tx.id)!, 'unresolved', { error_code: 'outcome_unresolved', error_message: d.error.message }, op);
          w.emit({ type: 'alert.unresolved', ...refs, data: { message: `Transaction ${tx.reference} on ${tx.terminal_id} is not settled yet; posbridge keeps asking the provider (${d.error.message})` } });
        }
        w.emit({ type: 'operation.retry_scheduled', ...refs, data: { kind: op.kind, attempt: op.attempts, next_attempt_at: new Date(d.at).toISOString(), in_doubt: d.inDoubt, reason: d.error.message } });
        return;
      case 'unresolved':
        store.operations.finish(op.id, token, 'unresolved', d.error, w.at);
        w.emit({ type: 'operation.unresolved', ...refs, data: { kind: op.kind, ...d.error } });
        w.emit({ type: 'alert.unresolved', ...refs, data: { message: `Transaction ${tx.reference} on ${tx.terminal_id} needs a person: ${d.error.message}` } });
        changeTransaction(store, w, tx, d.tx.to, d.tx.patch, op);
        return;
    }
  });
}
