// Row shapes as SQLite returns them (snake_case, integers for booleans, JSON as text).
import type { OperationKind, OperationState, TransactionState } from '../core/states.js';

export interface TerminalRow {
  id: string;
  provider: string;
  name: string;
  currency: string | null;
  settings_json: string;
  enabled: number;
  created_at: string;
  updated_at: string;
  last_seen_at: string | null;
}

export interface TransactionRow {
  id: string;
  terminal_id: string;
  provider: string;
  reference: string;
  request_fingerprint: string;
  state: TransactionState;
  currency: string;
  amount_requested: number;
  amount_authorized: number | null;
  amount_captured: number | null;
  card_brand: string | null;
  card_masked_pan: string | null;
  card_entry_mode: string | null;
  auth_code: string | null;
  provider_ref: string | null;
  provider_refs_json: string;
  expires_at: string | null;
  operator: string | null;
  metadata_json: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  expiry_warned_at: string | null;
  /** The `result` the POS last heard for this transaction (pending, unknown, approved, …). */
  pos_told_result: string | null;
  pos_told_at: string | null;
  orphan_alerted_at: string | null;
}

export interface OperationRow {
  seq: number;
  id: string;
  transaction_id: string;
  terminal_id: string;
  kind: OperationKind;
  state: OperationState;
  amount: number | null;
  request_fingerprint: string;
  client_key: string | null;
  idempotency_key: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number;
  lease_token: string | null;
  lease_owner: string | null;
  lease_pid: number | null;
  lease_until: number | null;
  in_doubt: number;
  in_doubt_since: number | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  provider_ref: string | null;
  cancel_requested_at: string | null;
  cancel_sent_at: string | null;
  queued_reason: string | null;
  card_blob: Buffer | null;
  receipt_text: string | null;
  requested_by: string | null;
  answered_open_at: string | null;
}

export interface AttemptRow {
  id: number;
  operation_id: string;
  number: number;
  purpose: 'send' | 'lookup';
  request_json: string;
  response_status: number | null;
  response_json: string | null;
  outcome_kind: string | null;
  outcome_json: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** When the answer was applied to the operation (null: not yet, or no answer). */
  applied_at: string | null;
  /** When its raw bodies were reduced to their evidence (migration 011; null: kept whole). */
  compacted_at?: string | null;
}

export interface EventRow {
  seq: number;
  type: string;
  transaction_id: string | null;
  operation_id: string | null;
  terminal_id: string | null;
  data_json: string;
  created_at: string;
}
