// The SmartRetry sandbox's books: pre-authorisations, captures and voids, each a transaction with an
// 8-character id, that is PROCESSING for a moment after it is accepted and then settles.
// Magic amounts are listed in README.md beside this file.
import { randomBytes } from 'node:crypto';
import type { LedgerHold } from '../kit.js';
import { toMinor } from '../kit.js';

export const SR_MAGIC = { DECLINE: 51.01, ERROR: 51.03, UNKNOWN: 51.04, INVALID: 51.05, DO_NOT_HONOR: 51.02 } as const;
export const SR_DECLINED_CARD = '4000000000000002';

export type SrStatus = 'APPROVED' | 'PROCESSING' | 'DECLINED' | 'ERROR' | 'CANCELLED' | 'UNKNOWN';

export interface SrTransaction {
  transaction_id: string;
  order_id: string;
  type: 'PREAUTH' | 'CAPTURE' | 'VOID';
  merchant_transaction_id: string;
  amount: number;
  currency: string;
  exponent: number;
  final: { status: SrStatus; reasonCode?: string; name?: string; domain?: string };
  settlesAt: number;
  unknownUntil?: number;
  authorization_code: string | null;
  card_number?: string;
  card_brand?: string;
  parent?: string;
  captured: number | null;
  voided: boolean;
  created_at: number;
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function srId(prefix: string): string {
  let id = prefix;
  for (const b of randomBytes(8 - prefix.length)) id += ALNUM[b % ALNUM.length];
  return id;
}

export class SmartRetryBook {
  readonly txs = new Map<string, SrTransaction>();

  constructor(private readonly now: () => number, private readonly processingMs: number, private readonly unknownMs: number) {}

  /** The status as of now: PROCESSING until it settles; a magic UNKNOWN stays UNKNOWN for a while first. */
  statusOf(t: SrTransaction): SrTransaction['final'] {
    const now = this.now();
    if (now < t.settlesAt) return { status: 'PROCESSING', name: 'Processing' };
    if (t.unknownUntil !== undefined && now < t.unknownUntil) return { status: 'UNKNOWN', reasonCode: 'SYSTEM.PROCESSOR_TIMEOUT', name: 'Unknown', domain: 'SYSTEM' };
    return t.final;
  }

  preauth(input: { merchant_transaction_id: string; amount: number; currency: string; exponent: number; card_number: string }): SrTransaction {
    const now = this.now();
    let final: SrTransaction['final'] = { status: 'APPROVED', name: 'Approved' };
    if (input.amount === SR_MAGIC.DECLINE || input.card_number === SR_DECLINED_CARD) final = { status: 'DECLINED', reasonCode: 'PAYER_ACCOUNT.INSUFFICIENT_FUNDS', name: 'Insufficient funds', domain: 'PAYER_ACCOUNT' };
    else if (input.amount === SR_MAGIC.DO_NOT_HONOR) final = { status: 'DECLINED', reasonCode: 'AUTH.DO_NOT_HONOR', name: 'Do not honor', domain: 'AUTH' };
    else if (input.amount === SR_MAGIC.ERROR) final = { status: 'ERROR', reasonCode: 'PROCESSOR.SYSTEM_ERROR', name: 'Processor error', domain: 'PROCESSOR' };
    const t: SrTransaction = {
      transaction_id: srId('TX'), order_id: srId('OR'), type: 'PREAUTH', merchant_transaction_id: input.merchant_transaction_id,
      amount: input.amount, currency: input.currency, exponent: input.exponent, final, settlesAt: now + this.processingMs,
      ...(input.amount === SR_MAGIC.UNKNOWN ? { unknownUntil: now + this.processingMs + this.unknownMs } : {}),
      authorization_code: final.status === 'APPROVED' ? randomBytes(3).toString('hex').toUpperCase() : null,
      card_number: `${input.card_number.slice(0, 6)}******${input.card_number.slice(-4)}`,
      card_brand: input.card_number.startsWith('4') ? 'VISA' : input.card_number.startsWith('5') ? 'MASTERCARD' : 'CARD',
      captured: null, voided: false, created_at: now,
    };
    this.txs.set(t.transaction_id, t);
    return t;
  }

  /** A capture or void of an approved pre-auth; the check is made when the request arrives. */
  followUp(type: 'CAPTURE' | 'VOID', parent: SrTransaction, merchantId: string, amount: number): SrTransaction {
    const now = this.now();
    const t: SrTransaction = {
      transaction_id: srId('TX'), order_id: parent.order_id, type, merchant_transaction_id: merchantId, amount,
      currency: parent.currency, exponent: parent.exponent, final: { status: 'APPROVED', name: 'Approved' },
      settlesAt: now + this.processingMs, authorization_code: null, parent: parent.transaction_id, captured: null, voided: false, created_at: now,
    };
    if (type === 'CAPTURE') parent.captured = amount;
    else parent.voided = true;
    this.txs.set(t.transaction_id, t);
    return t;
  }

  holds(): LedgerHold[] {
    return [...this.txs.values()].filter((t) => t.type === 'PREAUTH' && t.final.status === 'APPROVED').map((t) => {
      const s = this.statusOf(t).status;
      return {
        id: t.transaction_id,
        reference: t.merchant_transaction_id,
        amount: toMinor(t.amount, t.exponent),
        currency: t.currency,
        state: t.voided ? 'voided' : t.captured !== null ? 'captured' : s === 'APPROVED' ? 'authorized' : 'pending',
        captured: t.captured === null ? 0 : toMinor(t.captured, t.exponent),
        created_at: new Date(t.created_at).toISOString(),
      };
    });
  }

  statusJson(t: SrTransaction) {
    const st = this.statusOf(t);
    return {
      transaction_id: t.transaction_id,
      type: t.type,
      amount: t.amount,
      currency: t.currency,
      authorization_code: st.status === 'APPROVED' ? t.authorization_code : null,
      arn: null,
      attempt_number: 1,
      created_at: new Date(t.created_at).toISOString(),
      updated_at: new Date(Math.max(t.created_at, Math.min(this.now(), t.settlesAt))).toISOString(),
      order: { order_id: t.order_id, ...(t.card_number ? { payment_instrument: { card_number: t.card_number, card_brand: t.card_brand } } : {}) },
      status: { status: st.status, reasonCode: st.reasonCode ?? `${st.status}.${st.status}`, name: st.name ?? st.status, description: st.name ?? st.status, domain: st.domain ?? 'SYSTEM' },
    };
  }
}
