// The transaction and operation state machines, written as tables. The store applies every change as
// `UPDATE … WHERE id = ? AND state = :from` and demands exactly one changed row.

export const TRANSACTION_STATES = [
  'pending',
  'in_progress',
  'authorized',
  'declined',
  'failed',
  'unresolved',
  'captured',
  'voided',
  'expired',
] as const;
export type TransactionState = (typeof TRANSACTION_STATES)[number];

const TRANSACTION_TRANSITIONS: Readonly<Record<TransactionState, readonly TransactionState[]>> = {
  pending: ['in_progress', 'failed'],
  // in_progress → pending: the preauth was provably never sent and waits for another attempt.
  in_progress: ['pending', 'authorized', 'declined', 'failed', 'unresolved'],
  // authorized → authorized: an adjustment changes the amount and keeps the state.
  // authorized → unresolved: a follow-up (adjust, capture, void) may or may not have taken effect.
  authorized: ['authorized', 'captured', 'voided', 'expired', 'unresolved'],
  // A person or a later lookup settles an unresolved transaction.
  unresolved: ['authorized', 'declined', 'failed', 'captured', 'voided'],
  declined: [],
  failed: [],
  captured: [],
  voided: [],
  expired: [],
};

export function canTransition(from: TransactionState, to: TransactionState): boolean {
  return TRANSACTION_TRANSITIONS[from].includes(to);
}

export function isFinalTransactionState(s: TransactionState): boolean {
  return TRANSACTION_TRANSITIONS[s].length === 0;
}

/** States in which the POS's preauth request has its answer (the hold exists or never will). */
export function isSettledPreauthState(s: TransactionState): boolean {
  return s !== 'pending' && s !== 'in_progress';
}

export const OPERATION_KINDS = ['preauth', 'adjust', 'capture', 'void'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_STATES = ['queued', 'running', 'succeeded', 'failed', 'unresolved'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

const OPERATION_TRANSITIONS: Readonly<Record<OperationState, readonly OperationState[]>> = {
  // queued → succeeded: a person settles an operation in doubt that waits to be asked about again.
  queued: ['running', 'failed', 'succeeded'],
  running: ['queued', 'succeeded', 'failed', 'unresolved'],
  unresolved: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

export function canTransitionOperation(from: OperationState, to: OperationState): boolean {
  return OPERATION_TRANSITIONS[from].includes(to);
}

export function isFinalOperationState(s: OperationState): boolean {
  return s === 'succeeded' || s === 'failed' || s === 'unresolved';
}

/** Which transaction states an operation kind may be requested in. */
export const OPERATION_REQUIRES: Readonly<Record<Exclude<OperationKind, 'preauth'>, readonly TransactionState[]>> = {
  adjust: ['authorized'],
  capture: ['authorized'],
  void: ['authorized'],
};
