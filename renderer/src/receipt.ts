// What a printed receipt holds, built from the transaction alone (pure: the view only lays it out). The
// terminal's own receipt lines when a ZVT terminal sent them; otherwise a standard receipt in the chosen
// language. The card is only ever its brand and last four digits.
import { dateTime, money } from './i18n/format.js';
import { cardLabel, txStateName } from './i18n/payment-words.js';
import { receiptWords as w } from './i18n/receipt-words.js';
import type { Transaction } from './types.js';

export interface Merchant {
  readonly name: string;
  readonly address: string;
}

export type Receipt =
  | { readonly kind: 'terminal'; readonly slips: readonly string[] }
  | {
      readonly kind: 'standard';
      readonly merchant: readonly string[];
      readonly title: string;
      readonly rows: ReadonlyArray<readonly [string, string]>;
    };

/** A card number that slipped into a line (a terminal that did not mask it) keeps only its last four. */
export function maskNumbers(text: string): string {
  return text.replace(/\d{12,19}/g, (digits) => `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/** What was released: all of the hold when voided, the rest of it when less was charged. */
export function releasedAmount(tx: Transaction): number | null {
  const held = tx.amount_authorized;
  if (held === null) return null;
  if (tx.state === 'voided') return held;
  if (tx.state === 'captured' && tx.amount_captured !== null && tx.amount_captured < held)
    return held - tx.amount_captured;
  return null;
}

export function buildReceipt(tx: Transaction, merchant: Merchant, terminalName?: string): Receipt {
  const slips = tx.operations.flatMap((o) => (o.receipt_text ? [maskNumbers(o.receipt_text)] : []));
  if (slips.length > 0) return { kind: 'terminal', slips };
  const released = releasedAmount(tx);
  const rows: Array<readonly [string, string]> = [
    [
      w.terminal,
      terminalName && terminalName !== tx.terminal_id ? `${terminalName} (${tx.terminal_id})` : tx.terminal_id,
    ],
    [w.date, dateTime(tx.created_at)],
    [w.reference, tx.reference],
    [w.card, cardLabel(tx.card) ?? w.noCard],
    [w.held, money(tx.amount_authorized, tx.currency)],
    ...(tx.amount_captured !== null ? [[w.charged, money(tx.amount_captured, tx.currency)] as const] : []),
    ...(released !== null ? [[w.released, money(released, tx.currency)] as const] : []),
    ...(tx.auth_code ? [[w.approval, tx.auth_code] as const] : []),
    [w.state, txStateName(tx.state)],
  ];
  const lines = [merchant.name, ...merchant.address.split(/\r?\n/)].map((l) => l.trim()).filter(Boolean);
  return { kind: 'standard', merchant: lines, title: w.standard, rows };
}
