// The Transactions export: one header row, then one record per transaction, as the list shows it. Money in
// major units with the currency beside it (what a spreadsheet sums) and in minor units (what the API speaks);
// instants as ISO 8601 with their offset. Card data is the masked form the store holds, nothing more.
import { currencyExponent } from '../../core/money.js';
import type { TransactionRow } from '../../store/rows.js';
import { csvRecord, majorUnits } from './csv.js';

const COLUMNS = [
  'id',
  'reference',
  'created_at',
  'updated_at',
  'terminal_id',
  'provider',
  'state',
  'currency',
  'amount_requested',
  'amount_authorized',
  'amount_captured',
  'amount_requested_minor',
  'amount_authorized_minor',
  'amount_captured_minor',
  'card_brand',
  'card_masked_pan',
  'auth_code',
  'provider_reference',
  'expires_at',
  'operator',
  'error_code',
] as const;

export const TRANSACTIONS_CSV_HEADER = csvRecord(COLUMNS);

export function transactionCsvRecord(tx: TransactionRow): string {
  const e = currencyExponent(tx.currency) ?? 2;
  return csvRecord([
    tx.id,
    tx.reference,
    tx.created_at,
    tx.updated_at,
    tx.terminal_id,
    tx.provider,
    tx.state,
    tx.currency,
    majorUnits(tx.amount_requested, e),
    majorUnits(tx.amount_authorized, e),
    majorUnits(tx.amount_captured, e),
    tx.amount_requested,
    tx.amount_authorized,
    tx.amount_captured,
    tx.card_brand,
    tx.card_masked_pan,
    tx.auth_code,
    tx.provider_ref,
    tx.expires_at,
    tx.operator,
    tx.error_code,
  ]);
}

/** The download's name: the day it was made, in UTC as every stored instant is. */
export function exportFileName(nowMs: number): string {
  return `posbridge-transactions-${new Date(nowMs).toISOString().slice(0, 10)}.csv`;
}
