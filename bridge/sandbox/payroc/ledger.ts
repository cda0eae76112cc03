// The Payroc sandbox's books: payments and the holds they represent, and the rules of adjust,
// capture and reverse. Pure logic: the server turns these results into HTTP answers.
// Magic amounts (minor units) are listed in README.md beside this file.
import { randomBytes } from 'node:crypto';
import { type PayrocFieldError } from './validate.js';
import type { PaymentRequest } from './validate.js';

export const MAGIC = {
  DECLINE: 5101, // responseCode D
  REFERRAL: 5102, // responseCode R
  PICKUP: 5103, // responseCode C
  LATER: 5104, // responseCode E: processed later, approved on lookup after `laterMs`
  INVALID: 5105, // 400 bad-request on order.amount
  PARTIAL: 5106, // responseCode P: half the amount authorised
} as const;

export const DECLINED_CARD = '4000000000000002';

export type HoldState = 'authorized' | 'captured' | 'voided' | 'pending';

export interface SandboxPayment {
  paymentId: string;
  processingTerminalId: string;
  operator?: string;
  orderId: string;
  amount: number;
  authorizedAmount: number;
  currency: string;
  brand: string;
  maskedPan: string;
  expiryDate: string;
  responseCode: 'A' | 'D' | 'E' | 'P' | 'R' | 'C';
  captured: number | null;
  reversed: boolean;
  isHold: boolean;
  createdAt: number;
  laterUntil?: number;
}

export interface PaymentFilter {
  readonly orderId?: string;
  readonly processingTerminalId?: string;
  readonly dateFrom?: string;
  readonly dateTo?: string;
  readonly after?: string;
  readonly limit: number;
}

export type LedgerResult =
  { ok: SandboxPayment; status: number } | { errors: PayrocFieldError[]; status: 400 } | { notFound: true };

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function paymentId(): string {
  let id = '';
  for (const b of randomBytes(10)) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return id;
}

function brandName(pan: string): string {
  if (pan.startsWith('4')) return 'Visa Credit';
  if (/^(5[1-5]|2[2-7])/.test(pan)) return 'MasterCard';
  if (/^3[47]/.test(pan)) return 'American Express';
  return 'Unknown';
}

function invalidOperation(op: string): LedgerResult {
  return {
    status: 400,
    errors: [{ parameter: 'paymentId', detail: 'Invalid operation', message: `The payment does not support ${op}` }],
  };
}

export class PayrocLedger {
  private readonly payments = new Map<string, SandboxPayment>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly laterMs = 2_000,
  ) {}

  create(req: PaymentRequest): LedgerResult {
    if (req.amount === MAGIC.INVALID) {
      return {
        status: 400,
        errors: [
          {
            parameter: 'order.amount',
            detail: 'Invalid value',
            message: 'The amount is not allowed for this terminal',
          },
        ],
      };
    }
    let responseCode: SandboxPayment['responseCode'] = 'A';
    if (req.amount === MAGIC.DECLINE || req.cardNumber === DECLINED_CARD) responseCode = 'D';
    else if (req.amount === MAGIC.REFERRAL) responseCode = 'R';
    else if (req.amount === MAGIC.PICKUP) responseCode = 'C';
    else if (req.amount === MAGIC.LATER) responseCode = 'E';
    else if (req.amount === MAGIC.PARTIAL) responseCode = 'P';
    const approved = responseCode === 'A' || responseCode === 'P' || responseCode === 'E';
    const authorizedAmount = responseCode === 'P' ? Math.floor(req.amount / 2) : approved ? req.amount : 0;
    const sale = req.autoCapture || req.processAsSale;
    const p: SandboxPayment = {
      paymentId: paymentId(),
      processingTerminalId: req.processingTerminalId,
      ...(req.operator ? { operator: req.operator } : {}),
      orderId: req.orderId,
      amount: req.amount,
      authorizedAmount,
      currency: req.currency,
      brand: brandName(req.cardNumber),
      maskedPan: `${req.cardNumber.slice(0, 6)}${'*'.repeat(req.cardNumber.length - 10)}${req.cardNumber.slice(-4)}`,
      expiryDate: req.expiryDate,
      responseCode,
      captured: sale && approved ? authorizedAmount : null,
      reversed: false,
      isHold: approved,
      createdAt: this.now(),
      ...(responseCode === 'E' ? { laterUntil: this.now() + this.laterMs } : {}),
    };
    this.payments.set(p.paymentId, p);
    return { ok: p, status: 201 };
  }

  /** A payment as it stands now; code E payments become approved once their processing time has passed. */
  get(id: string): SandboxPayment | undefined {
    const p = this.payments.get(id);
    if (p && p.responseCode === 'E' && p.laterUntil !== undefined && this.now() >= p.laterUntil) p.responseCode = 'A';
    return p;
  }

  byOrderId(orderId: string): SandboxPayment[] {
    return [...this.payments.keys()].map((id) => this.get(id)!).filter((p) => p.orderId === orderId);
  }

  /**
   * One page of the payment list (ListPaymentsRequest): each filter given narrows it; payments in the order
   * they were made; `after` is the paymentId the previous page ended with (assumption: the SDK calls it only
   * "the value that you specify").
   */
  list(f: PaymentFilter): { page: SandboxPayment[]; hasMore: boolean } {
    const from = f.dateFrom !== undefined ? Date.parse(f.dateFrom) : -Infinity;
    const to = f.dateTo !== undefined ? Date.parse(f.dateTo) : Infinity;
    let all = [...this.payments.keys()]
      .map((id) => this.get(id)!)
      .filter(
        (p) =>
          (f.orderId === undefined || p.orderId === f.orderId) &&
          (f.processingTerminalId === undefined || p.processingTerminalId === f.processingTerminalId) &&
          p.createdAt >= from &&
          p.createdAt < to,
      );
    if (f.after !== undefined) {
      const at = all.findIndex((p) => p.paymentId === f.after);
      all = at < 0 ? [] : all.slice(at + 1);
    }
    return { page: all.slice(0, f.limit), hasMore: all.length > f.limit };
  }

  /** Test control, not Payroc behaviour: a stored payment's amount changes behind the bridge's back. */
  setAmount(orderId: string, amount: number): SandboxPayment | undefined {
    const p = this.byOrderId(orderId)[0];
    if (!p) return undefined;
    p.amount = amount;
    p.authorizedAmount = amount;
    return p;
  }

  /** Test control, not Payroc behaviour: the payment is gone from Payroc's books. */
  drop(orderId: string): boolean {
    const p = this.byOrderId(orderId)[0];
    return p ? this.payments.delete(p.paymentId) : false;
  }

  /** Test control, not Payroc behaviour: an approved hold the bridge never asked for. */
  addForeign(processingTerminalId: string, amount: number, currency: string): SandboxPayment {
    const p: SandboxPayment = {
      paymentId: paymentId(),
      processingTerminalId,
      orderId: `foreign-${paymentId().slice(0, 6)}`,
      amount,
      authorizedAmount: amount,
      currency,
      brand: 'Visa Credit',
      maskedPan: '411111******1111',
      expiryDate: '1230',
      responseCode: 'A',
      captured: null,
      reversed: false,
      isHold: true,
      createdAt: this.now(),
    };
    this.payments.set(p.paymentId, p);
    return p;
  }

  private authorizedOpen(p: SandboxPayment): boolean {
    return (p.responseCode === 'A' || p.responseCode === 'P') && p.captured === null && !p.reversed;
  }

  adjust(id: string, amount: number): LedgerResult {
    const p = this.get(id);
    if (!p) return { notFound: true };
    if (!this.authorizedOpen(p)) return invalidOperation('incrementAuthorization');
    p.amount = amount;
    p.authorizedAmount = amount;
    return { ok: p, status: 200 };
  }

  capture(id: string, amount: number | undefined): LedgerResult {
    const p = this.get(id);
    if (!p) return { notFound: true };
    if (!this.authorizedOpen(p)) return invalidOperation('capture');
    const take = amount ?? p.authorizedAmount;
    if (take > p.authorizedAmount) {
      return {
        status: 400,
        errors: [
          {
            parameter: 'amount',
            detail: 'Invalid value',
            message: 'The capture amount cannot exceed the authorized amount; adjust the payment first',
          },
        ],
      };
    }
    p.captured = take;
    p.amount = take;
    return { ok: p, status: 200 };
  }

  reverse(id: string, amount: number | undefined): LedgerResult {
    const p = this.get(id);
    if (!p) return { notFound: true };
    if (p.reversed || !(p.responseCode === 'A' || p.responseCode === 'P')) return invalidOperation('fullyReverse');
    if (amount !== undefined && amount < p.amount) {
      p.amount -= amount;
      p.authorizedAmount = p.amount;
      return { ok: p, status: 200 };
    }
    p.reversed = true;
    return { ok: p, status: 200 };
  }

  supportedOperations(p: SandboxPayment): string[] {
    if (
      p.reversed ||
      p.responseCode === 'D' ||
      p.responseCode === 'R' ||
      p.responseCode === 'C' ||
      p.responseCode === 'E'
    )
      return [];
    if (p.captured !== null) return ['refund', 'fullyReverse'];
    return ['capture', 'fullyReverse', 'partiallyReverse', 'incrementAuthorization'];
  }

  status(p: SandboxPayment): string {
    if (p.reversed) return 'reversal';
    switch (p.responseCode) {
      case 'D':
        return 'declined';
      case 'R':
        return 'referral';
      case 'C':
        return 'pickup';
      case 'E':
        return 'pending';
      default:
        return 'ready';
    }
  }

  holdState(p: SandboxPayment): HoldState {
    if (p.reversed) return 'voided';
    if (p.captured !== null) return 'captured';
    if (p.responseCode === 'E') return 'pending';
    return 'authorized';
  }

  /** One entry per hold created: what GET /__sandbox/ledger shows. */
  holds() {
    return [...this.payments.keys()]
      .map((id) => this.get(id)!)
      .filter((p) => p.isHold)
      .map((p) => ({
        id: p.paymentId,
        reference: p.orderId,
        amount: p.authorizedAmount,
        currency: p.currency,
        state: this.holdState(p),
        captured: p.captured ?? 0,
        created_at: new Date(p.createdAt).toISOString(),
      }));
  }

  toJson(p: SandboxPayment) {
    const messages: Record<SandboxPayment['responseCode'], string> = {
      A: `OK${p.paymentId.slice(0, 4)}`,
      P: 'PARTIAL APPROVAL',
      D: 'DECLINED',
      R: 'CALL ISSUER',
      C: 'PICK UP CARD',
      E: 'PROCESSING',
    };
    return {
      paymentId: p.paymentId,
      processingTerminalId: p.processingTerminalId,
      ...(p.operator ? { operator: p.operator } : {}),
      order: {
        orderId: p.orderId,
        dateTime: new Date(p.createdAt).toISOString(),
        amount: p.amount,
        currency: p.currency,
      },
      card: {
        type: p.brand,
        entryMethod: 'keyed',
        cardNumber: p.maskedPan,
        expiryDate: p.expiryDate,
        securityChecks: { cvvResult: 'M', avsResult: 'Y' },
      },
      transactionResult: {
        type: 'sale',
        status: this.status(p),
        ...(p.responseCode === 'A' || p.responseCode === 'P' ? { approvalCode: messages.A } : {}),
        authorizedAmount: p.authorizedAmount,
        currency: p.currency,
        responseCode: p.responseCode,
        responseMessage: messages[p.responseCode],
      },
      supportedOperations: this.supportedOperations(p),
    };
  }
}
