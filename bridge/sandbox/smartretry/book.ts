// The SmartRetry sandbox's books: pre-authorisations, captures and voids, each a transaction with an
// 8-character id (payments/preauth: "Exactly 8 characters") whose status follows its timeline.
import { randomBytes } from 'node:crypto';
import { cardBrand } from '../../core/card.js';
import type { LedgerHold } from '../kit.js';
import { toMinor } from '../kit.js';
import type { Invalid } from './problems.js';
import { followUpTimeline, phaseAt, preauthTimeline, STATUS, type Phase, type Timing } from './timeline.js';
import type { PreauthInput } from './validate.js';

/** payments/status `type`: lower case. */
export type SrType = 'preauth' | 'capture' | 'void';

export interface SrCard {
  readonly bin: string;
  readonly last4: string;
  readonly panLength: number;
  readonly brand: string;
  readonly holder?: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  /** 88 characters (payments/status `token`, `card_profile.fingerprint`). */
  readonly token: string;
  readonly fingerprint: string;
}

export interface SrTransaction {
  readonly transaction_id: string;
  readonly order_id: string;
  readonly type: SrType;
  readonly merchant_transaction_id?: string;
  readonly merchant_order_id?: string;
  readonly description?: string;
  readonly payer?: {
    readonly friendly_id: string;
    readonly first_name: string;
    readonly last_name: string;
    readonly email: string;
  };
  readonly amount: number;
  readonly currency: string;
  readonly exponent: number;
  readonly phases: Phase[];
  readonly authorization_code: string;
  readonly arn: string;
  readonly card?: SrCard;
  readonly parent?: string;
  captured: number | null;
  voided: boolean;
  readonly created_at: number;
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function srId(prefix: string, length = 8): string {
  let id = prefix;
  for (const b of randomBytes(length - prefix.length)) id += ALNUM[b % ALNUM.length];
  return id;
}
const token88 = () => randomBytes(66).toString('base64');

const BRAND_NAMES: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'Amex',
  discover: 'Discover',
  maestro: 'Maestro',
  jcb: 'JCB',
};

function cardOf(pi: PreauthInput['instrument']): SrCard {
  const pan = pi.card_number;
  return {
    bin: pan.slice(0, 6),
    last4: pan.slice(-4),
    panLength: pan.length,
    brand: BRAND_NAMES[cardBrand(pan)] ?? 'Other',
    ...(typeof pi.card_cardholder_name === 'string' ? { holder: pi.card_cardholder_name } : {}),
    expiryMonth: pi.expiry_month,
    expiryYear: pi.expiry_year,
    token: token88(),
    fingerprint: token88(),
  };
}

export class SmartRetryBook {
  readonly txs = new Map<string, SrTransaction>();

  constructor(
    private readonly now: () => number,
    private readonly timing: Timing,
  ) {}

  phaseOf(t: SrTransaction): Phase {
    return phaseAt(t.phases, this.now());
  }

  preauth(input: PreauthInput): SrTransaction {
    const now = this.now();
    const payer = input.payer;
    const t: SrTransaction = {
      transaction_id: srId('TX'),
      order_id: srId('OR'),
      type: 'preauth',
      merchant_transaction_id: input.merchant_transaction_id,
      ...(typeof input.order.merchant_order_id === 'string'
        ? { merchant_order_id: input.order.merchant_order_id }
        : {}),
      ...(typeof input.order.description === 'string' ? { description: input.order.description } : {}),
      ...(payer
        ? {
            payer: {
              friendly_id: srId('PY'),
              first_name: String(payer.first_name),
              last_name: String(payer.last_name),
              email: String(payer.email),
            },
          }
        : {}),
      amount: input.amount,
      currency: input.currency,
      exponent: input.exponent,
      phases: preauthTimeline(input.amount, input.instrument.card_number, now, this.timing),
      authorization_code: randomBytes(3).toString('hex').toUpperCase(),
      arn: Array.from(randomBytes(23), (b) => String(b % 10)).join(''),
      card: cardOf(input.instrument),
      captured: null,
      voided: false,
      created_at: now,
    };
    this.txs.set(t.transaction_id, t);
    return t;
  }

  /**
   * Why a capture or void of `parentId` cannot be made, checked when the request arrives. The reason
   * codes are from payments/capture, payments/void and the OpenAPI reason catalogue; all answer 400
   * as payments/capture and payments/void do (api-reference/errors says 422 for capturing a captured
   * pre-auth; we follow the endpoint pages).
   */
  refusal(
    type: 'capture' | 'void',
    parentId: unknown,
    orderId: unknown,
  ): { status: number; invalid: Invalid } | undefined {
    const parent = typeof parentId === 'string' ? this.txs.get(parentId) : undefined;
    const field = 'transaction_reference_id';
    if (!parent)
      return {
        status: 404,
        invalid: {
          reason: 'TRANSACTION_NOT_FOUND',
          field,
          detail: `No transaction with ID '${String(parentId)}' was found on this terminal.`,
        },
      };
    if (parent.type !== 'preauth')
      return {
        status: 400,
        invalid: {
          reason: type === 'capture' ? 'INVALID_TRANSACTION_TYPE_FOR_CAPTURE' : 'INVALID_TRANSACTION_TYPE_FOR_VOID',
          field,
          detail: `Only a pre-authorization can be ${type === 'capture' ? 'captured' : 'voided'}.`,
        },
      };
    if (parent.order_id !== orderId)
      return {
        status: 400,
        invalid: {
          reason: 'ORDER_ID_DID_NOT_MATCH_REFERENCED_TRANSACTION_ORDER_ID',
          field: 'order_reference_id',
          detail: 'order_reference_id is not the order of that transaction.',
        },
      };
    if (parent.voided)
      return {
        status: 400,
        invalid: {
          reason: type === 'capture' ? 'CAPTURE_NOT_ALLOWED_VOIDED' : 'TRANSACTION_ALREADY_VOIDED',
          field,
          detail: 'The pre-authorization has been voided.',
        },
      };
    if (parent.captured !== null)
      return {
        status: 400,
        invalid: {
          reason: type === 'capture' ? 'ALREADY_FULLY_CAPTURED' : 'TRANSACTION_ALREADY_CAPTURED',
          field,
          detail: `transaction has already been captured and cannot be ${type === 'capture' ? 'captured again' : 'voided'}`,
        },
      };
    if (this.phaseOf(parent).status.status !== 'APPROVED')
      return {
        status: 400,
        invalid: {
          reason: 'ORIGINAL_TRANSACTION_NOT_APPROVED',
          field,
          detail: 'The pre-authorization is not approved.',
        },
      };
    return undefined;
  }

  /** A capture or void of an approved pre-auth (see `refusal` first). A void cancels the pre-auth once it settles. */
  followUp(type: 'capture' | 'void', parentId: string, merchantId: string | undefined, amount: number): SrTransaction {
    const parent = this.txs.get(parentId)!;
    const now = this.now();
    const phases = followUpTimeline(now, this.timing);
    const t: SrTransaction = {
      transaction_id: srId('TX'),
      order_id: parent.order_id,
      type,
      ...(merchantId !== undefined ? { merchant_transaction_id: merchantId } : {}),
      amount,
      currency: parent.currency,
      exponent: parent.exponent,
      phases,
      authorization_code: parent.authorization_code,
      arn: parent.arn,
      ...(parent.card ? { card: parent.card } : {}),
      parent: parent.transaction_id,
      captured: null,
      voided: false,
      created_at: now,
    };
    if (type === 'capture') parent.captured = amount;
    else {
      parent.voided = true;
      // payments/status: CANCELLED "The transaction was cancelled (e.g., by a void)".
      parent.phases.push({ from: phases[1]!.from, status: STATUS.cancelled, attempt: this.phaseOf(parent).attempt });
    }
    this.txs.set(t.transaction_id, t);
    return t;
  }

  /** Pre-authorisations that hold (or will hold) money: approved in the end, or approved and then voided. */
  holds(): LedgerHold[] {
    return [...this.txs.values()]
      .filter((t) => t.type === 'preauth' && t.phases.some((p) => p.status.status === 'APPROVED'))
      .map((t) => {
        const s = this.phaseOf(t).status.status;
        return {
          id: t.transaction_id,
          reference: t.merchant_transaction_id ?? '',
          amount: toMinor(t.amount, t.exponent),
          currency: t.currency,
          state: t.voided ? 'voided' : t.captured !== null ? 'captured' : s === 'APPROVED' ? 'authorized' : 'pending',
          captured: t.captured === null ? 0 : toMinor(t.captured, t.exponent),
          created_at: new Date(t.created_at).toISOString(),
        };
      });
  }
}
