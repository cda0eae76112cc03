// Rows → the JSON the POS sees. Card data here is only ever the masked form the store holds.
import { isSettledPreauthState, isFinalTransactionState } from '../core/states.js';
import type { AttemptRow, OperationRow, TransactionRow } from '../store/rows.js';
import { answerOf } from './answer.js';

export function presentOperation(op: OperationRow) {
  return {
    id: op.id,
    kind: op.kind,
    state: op.state,
    amount: op.amount,
    attempts: op.attempts,
    next_attempt_at: op.state === 'queued' ? new Date(op.next_attempt_at).toISOString() : null,
    in_doubt: op.in_doubt === 1,
    queued_reason: op.queued_reason,
    receipt_text: op.receipt_text,
    error: op.error_code ? { code: op.error_code, message: op.error_message ?? '' } : null,
    // An archived row written before migration 016 has no such column.
    requested_by: op.requested_by ?? null,
    created_at: op.created_at,
    finished_at: op.finished_at,
  };
}

/**
 * `about`: the operation this answer is about (the one the POS just asked for); by default the latest.
 * Its `result` and `message` lead the body, so a POS can act on the status code and `result` alone.
 */
export function presentTransaction(tx: TransactionRow, ops: readonly OperationRow[], about?: OperationRow) {
  const openOps = ops.filter((o) => o.state === 'queued' || o.state === 'running');
  const open = openOps.length > 0;
  const subject = about ?? ops.at(-1);
  const answer = subject ? answerOf(subject, tx) : { result: 'pending' as const, message: 'Written; not sent yet.' };
  return {
    id: tx.id,
    result: answer.result,
    message: answer.message,
    reference: tx.reference,
    terminal_id: tx.terminal_id,
    provider: tx.provider,
    state: tx.state,
    // Unresolved is not final: a lookup or a person settles it, and the POS learns it here.
    final: isFinalTransactionState(tx.state) || (isSettledPreauthState(tx.state) && tx.state !== 'unresolved' && !open),
    queued_reason: openOps.find((o) => o.queued_reason)?.queued_reason ?? null,
    amount_requested: tx.amount_requested,
    amount_authorized: tx.amount_authorized,
    amount_captured: tx.amount_captured,
    currency: tx.currency,
    card:
      tx.card_masked_pan || tx.card_brand
        ? { brand: tx.card_brand, masked_pan: tx.card_masked_pan, entry_mode: tx.card_entry_mode }
        : null,
    auth_code: tx.auth_code,
    provider_reference: tx.provider_ref,
    provider_references: JSON.parse(tx.provider_refs_json) as Record<string, string>,
    expires_at: tx.expires_at,
    operator: tx.operator,
    metadata: tx.metadata_json ? (JSON.parse(tx.metadata_json) as Record<string, unknown>) : null,
    error: tx.error_code ? { code: tx.error_code, message: tx.error_message ?? '' } : null,
    created_at: tx.created_at,
    updated_at: tx.updated_at,
    operations: ops.map(presentOperation),
  };
}

export type TransactionJson = ReturnType<typeof presentTransaction>;

/** One exchange as stored: already redacted when written (no card number, CVV or secret is ever kept). */
export function presentAttempt(kind: string, a: AttemptRow) {
  const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
  return {
    operation_id: a.operation_id,
    operation_kind: kind,
    number: a.number,
    purpose: a.purpose,
    started_at: a.started_at,
    finished_at: a.finished_at,
    duration_ms: a.duration_ms,
    response_status: a.response_status,
    outcome: a.outcome_kind,
    request: parse(a.request_json),
    response: parse(a.response_json),
  };
}
