// What a terminal's End-of-Day (06 50) reported, pure: its outcome, the total, the individual totals per
// card group (BMP 60) and the receipt lines. Flow (PA00P015 §2.16): 80 00 00, 04 FF statuses, one 04 0F
// with result code, total amount (04), trace (0B), date/time (0D/0C) and the individual totals (60), print
// lines or blocks, then 06 0F, or 06 1E on failure. The Feig's end-of-day 04 0F is capture
// 1680761828.489701000_pt_ecr.
import currencyCodes from 'currency-codes';
import { bcdToDigits, bcdToNumber } from './bcd.js';
import type { CommandSnapshot } from './command-machine.js';
import type { ZvtValues } from './message.js';
import { describeResultCode } from './result-codes.js';

/**
 * The card groups of BMP 60, in their order: receipt-no start (2 B BCD), receipt-no end (2 B BCD), then
 * for each group a count (1 byte, binary) and a total (6 B BCD). Order and layout as EVerest/zvt reads
 * the Feig's capture (zvt/src/packets.rs, SingleAmounts): 2 + 2 + 7 × 7 = 53 bytes, LLLVAR F0 F5 F3.
 */
export const CARD_GROUPS = ['girocard', 'jcb', 'eurocard', 'amex', 'visa', 'diners', 'other'] as const;
export type CardGroup = (typeof CARD_GROUPS)[number];

export interface CardTotal {
  readonly card: CardGroup;
  readonly count: number;
  readonly amount: number;
}

export interface IndividualTotals {
  readonly receiptFrom: string;
  readonly receiptTo: string;
  /** Only the groups with a booking: a terminal lists every group, mostly zero. */
  readonly cards: readonly CardTotal[];
}

/** BMP 60's value (without its LLLVAR length); null when it is not the 53 bytes of the layout above. */
export function readIndividualTotals(value: Buffer): IndividualTotals | null {
  if (value.length !== 4 + CARD_GROUPS.length * 7) return null;
  try {
    const cards: CardTotal[] = [];
    CARD_GROUPS.forEach((card, i) => {
      const at = 4 + i * 7;
      const count = value[at]!;
      const amount = bcdToNumber(value.subarray(at + 1, at + 7));
      if (count || amount) cards.push({ card, count, amount });
    });
    return {
      receiptFrom: bcdToDigits(value.subarray(0, 2)),
      receiptTo: bcdToDigits(value.subarray(2, 4)),
      cards,
    };
  } catch {
    return null; // digits that are not BCD
  }
}

/**
 * `closed`: the terminal confirmed the end of day. `failed`: it said no (84 xx, 06 1E, 04 0F with an error)
 * or never took the command: the batch is as it was. `unknown`: it took the command and then went
 * silent or the link broke: the batch may or may not have gone to the host.
 */
export type EndOfDayOutcome = 'closed' | 'failed' | 'unknown';

export interface EndOfDayReport {
  readonly outcome: EndOfDayOutcome;
  readonly resultCode: number | null;
  readonly message: string;
  /** ISO 4217 alpha; BMP 49 if the terminal sent it, else the terminal's own currency (absent = EUR, §1.4). */
  readonly currency: string;
  /** BMP 04: the total the terminal reports; null if it sent none. */
  readonly totalAmount: number | null;
  /** Sum of the card groups' counts; null without BMP 60. */
  readonly totalCount: number | null;
  readonly trace: string | null;
  readonly totals: IndividualTotals | null;
  readonly receipt: readonly string[];
}

function currencyOf(v: ZvtValues | undefined, fallback: string): string {
  if (!v?.currencyNumeric) return fallback;
  return currencyCodes.number(v.currencyNumeric.padStart(3, '0'))?.code ?? fallback;
}

/** The totals of a 04 0F, for the persist hook (before it is acknowledged) and the report. */
export function totalsOf(v: ZvtValues | undefined): IndividualTotals | null {
  return v?.individualTotals ? readIndividualTotals(Buffer.from(v.individualTotals, 'hex')) : null;
}

export function endOfDayReport(snap: CommandSnapshot, terminalCurrency: string): EndOfDayReport {
  const r = snap.result;
  const totals = totalsOf(r);
  const base = {
    currency: currencyOf(r, terminalCurrency),
    totalAmount: r?.amount ?? null,
    totalCount: totals ? totals.cards.reduce((n, c) => n + c.count, 0) : null,
    trace: r?.trace ?? null,
    totals,
    receipt: snap.receipt,
  };
  const f = snap.failure;
  const rc = r?.resultCode ?? (f && 'resultCode' in f ? f.resultCode : undefined);
  if (snap.state === 'done' && (r?.resultCode ?? 0) === 0)
    return { ...base, outcome: 'closed', resultCode: 0, message: 'The terminal closed the day' };
  if (f?.kind === 'refused' || f?.kind === 'declined' || (rc !== undefined && rc !== 0))
    return { ...base, outcome: 'failed', resultCode: rc ?? null, message: describeResultCode(rc ?? 0xff) };
  if (!snap.accepted)
    return {
      ...base,
      outcome: 'failed',
      resultCode: null,
      message: `The terminal did not take the command: ${reasonOf(f)}`,
    };
  return {
    ...base,
    outcome: 'unknown',
    resultCode: null,
    message: `The terminal took the end of day on but did not finish it (${reasonOf(f)}); whether the day went to the host is not known. Print the terminal's last end-of-day receipt or ask the acquirer.`,
  };
}

function reasonOf(f: CommandSnapshot['failure']): string {
  if (!f) return 'no answer';
  if (f.kind === 'no_answer') return `no answer within ${f.timer}`;
  if (f.kind === 'transport' || f.kind === 'protocol') return f.reason;
  return f.kind;
}
