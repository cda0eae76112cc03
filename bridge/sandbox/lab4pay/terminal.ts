// The Lab4Pay sandbox's terminal: it takes jobs one at a time and moves each INITIATED → IN_PROGRESS →
// SUCCESS | FAILED | EXPIRED on its own clock; a cancel lands at once while INITIATED and after a short signal
// delay while IN_PROGRESS, unless the card was read first (pay-connect/payment-flows, cancel-transaction).
// Operations (completion, revert) go INITIATED → IN_PROGRESS → SUCCESS | FAILED. Magic amounts in README.md.
import { randomBytes, randomUUID } from 'node:crypto';
import type { LedgerHold } from '../kit.js';

export const L4P_MAGIC = { DECLINE: 5101, OPERATION_FAILS: 5102, SLOW: 5104, EXPIRES: 5105 } as const;
export type L4pStatus = 'INITIATED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'EXPIRED' | 'CANCELED' | 'REVERTED';
type L4pOperationStatus = 'INITIATED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED';

export interface L4pTransaction {
  id: string;
  client_transaction_id: string | null;
  terminal: string;
  amount: number;
  currency: string;
  created: number;
  startsAt: number;
  endsAt: number;
  outcome: 'SUCCESS' | 'FAILED' | 'EXPIRED';
  /** Made once when the card is read, so every print slip shows the same one. */
  approveCode: string;
  canceledAt?: number;
  completed?: { amount: number; at: number };
  revertedAt?: number;
}

export interface L4pOperation {
  id: string;
  type: 'transaction.preauth_complete' | 'transaction.revert';
  transaction_id: string;
  amount?: number;
  created: number;
  endsAt: number;
  result: 'SUCCESS' | 'FAILED';
}

export interface TerminalTiming {
  readonly queueMs: number;
  readonly cardMs: number;
  readonly cancelSignalMs: number;
  readonly operationMs: number;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export class Lab4PayTerminal {
  readonly transactions = new Map<string, L4pTransaction>();
  readonly operations = new Map<string, L4pOperation>();

  constructor(
    private readonly now: () => number,
    private readonly timing: TerminalTiming,
    readonly currency: string,
  ) {}

  private canceled(t: L4pTransaction): boolean {
    return t.canceledAt !== undefined && this.now() >= t.canceledAt && t.canceledAt < t.endsAt;
  }

  /** The terminal finished it with the card approved (whatever happened to it since). */
  succeeded(t: L4pTransaction): boolean {
    return !this.canceled(t) && this.now() >= t.endsAt && t.outcome === 'SUCCESS';
  }

  statusOf(t: L4pTransaction): L4pStatus {
    const now = this.now();
    if (this.canceled(t)) return 'CANCELED';
    if (now < t.startsAt) return 'INITIATED';
    if (now < t.endsAt) return 'IN_PROGRESS';
    if (t.revertedAt !== undefined && now >= t.revertedAt) return 'REVERTED';
    return t.outcome;
  }

  preauth(terminal: string, amount: number, clientTransactionId: string | null): L4pTransaction {
    const now = this.now();
    const startsAt = now + this.timing.queueMs;
    const t: L4pTransaction = {
      id: randomUUID(),
      client_transaction_id: clientTransactionId,
      terminal,
      amount,
      currency: this.currency,
      created: now,
      startsAt,
      endsAt: startsAt + (amount === L4P_MAGIC.SLOW ? 10_000 : this.timing.cardMs),
      outcome: amount === L4P_MAGIC.DECLINE ? 'FAILED' : amount === L4P_MAGIC.EXPIRES ? 'EXPIRED' : 'SUCCESS',
      approveCode: randomBytes(3).toString('hex').toUpperCase(),
    };
    this.transactions.set(t.id, t);
    return t;
  }

  /** Returns false when the transaction is already final and cannot be cancelled. */
  cancel(t: L4pTransaction): boolean {
    const s = this.statusOf(t);
    if (s !== 'INITIATED' && s !== 'IN_PROGRESS') return false;
    // Answered at once; the terminal acts on it now (INITIATED) or after the signal reaches it (IN_PROGRESS).
    t.canceledAt ??= s === 'INITIATED' ? this.now() : this.now() + this.timing.cancelSignalMs;
    return true;
  }

  /** The last transaction of this terminal that ended in SUCCESS: the only one revert accepts. */
  lastSuccessful(terminal: string): L4pTransaction | undefined {
    return [...this.transactions.values()]
      .filter((t) => t.terminal === terminal && this.succeeded(t))
      .sort((a, b) => b.endsAt - a.endsAt)[0];
  }

  operation(type: L4pOperation['type'], t: L4pTransaction, amount?: number): L4pOperation {
    const now = this.now();
    const failing = t.amount === L4P_MAGIC.OPERATION_FAILS;
    const op: L4pOperation = {
      id: randomUUID(),
      type,
      transaction_id: t.id,
      ...(amount !== undefined ? { amount } : {}),
      created: now,
      endsAt: now + this.timing.operationMs,
      result: failing ? 'FAILED' : 'SUCCESS',
    };
    // The effect shows on the transaction when the terminal has done it, and only if it did.
    if (!failing) {
      if (type === 'transaction.preauth_complete') t.completed = { amount: amount!, at: op.endsAt };
      else t.revertedAt = op.endsAt;
    }
    this.operations.set(op.id, op);
    return op;
  }

  operationStatus(op: L4pOperation): L4pOperationStatus {
    const now = this.now();
    if (now >= op.endsAt) return op.result;
    return now < op.created + this.timing.operationMs / 2 ? 'INITIATED' : 'IN_PROGRESS';
  }

  holds(): LedgerHold[] {
    const now = this.now();
    return [...this.transactions.values()]
      .filter((t) => this.succeeded(t))
      .map((t) => {
        const captured = t.completed && now >= t.completed.at ? t.completed.amount : 0;
        const voided = t.revertedAt !== undefined && now >= t.revertedAt;
        return {
          id: t.id,
          reference: t.client_transaction_id ?? '',
          amount: t.amount,
          currency: t.currency,
          state: voided ? 'voided' : captured ? 'captured' : 'authorized',
          captured,
          created_at: new Date(t.created).toISOString(),
        };
      });
  }

  /**
   * The print slip, field for field as transaction-print-slip documents it. The card fields are null until
   * the terminal has read a card (assumption: the page types them as strings and is silent on that case).
   */
  printSlip(t: L4pTransaction) {
    const status = this.statusOf(t);
    const read = this.now() >= t.endsAt && !this.canceled(t) && t.outcome !== 'EXPIRED';
    const approved = read && t.outcome === 'SUCCESS';
    return {
      transaction_id: t.id,
      terminal_id: t.terminal,
      organization: {
        full_name: 'posbridge sandbox d.o.o.',
        country: 'SI',
        address: 'Sandbox street 1',
        postal_code: '1000',
        city: 'Ljubljana',
        region: 'Osrednjeslovenska',
      },
      point_of_sale: { full_name: 'Sandbox counter' },
      amount: t.amount,
      tip_amount: 0,
      total_amount: t.amount,
      currency: t.currency,
      status,
      payment_method: 'CARD',
      tags: ['preauth'],
      timezone: 'Europe/Ljubljana',
      created_at: iso(t.created),
      digital_slip: `https://sandbox.invalid/digital-slip?id=${t.id.replace(/-/g, '')}`,
      payment_option: read ? 'VISA' : null,
      card_tid: read ? 'SBX00001' : null,
      completed_at: read ? iso(t.endsAt) : null,
      canceled_at: status === 'CANCELED' ? iso(t.canceledAt) : null,
      reverted_at: status === 'REVERTED' ? iso(t.revertedAt) : null,
      aid: read ? 'A0000000031010' : null,
      approve_code: approved ? t.approveCode : null,
      card_type: read ? 'VISA' : null,
      card_number: read ? '**** **** **** 0010' : null,
      refund_total_amount: 0,
    };
  }
}
