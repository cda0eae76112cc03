// The PayPorter sandbox: X-API-KEY + X-API-SECRET, synchronous pre-authorisation, partial capture,
// same-day cancel (Europe/Istanbul calendar day) of SUCCESS payments, GET /api/payment/{id}.
// The error body is not documented by PayPorter; README.md beside this file gives the shape we chose.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currencyExponent } from '../../core/money.js';
import { listenSandbox, SandboxKit, toMinor, type LedgerHold, type RunningServer, type SandboxResponse } from '../kit.js';

export const SANDBOX_PAYPORTER_KEY = 'pp_sandbox_key';
export const SANDBOX_PAYPORTER_SECRET = 'pp_sandbox_secret';
export const PP_MAGIC = { INSUFFICIENT: 51.01, DO_NOT_HONOR: 51.02, EXPIRED: 51.03, INVALID: 51.05 } as const;

interface PpPayment {
  paymentId: string;
  orderId: string;
  amount: number;
  authorized: number;
  currency: string;
  exponent: number;
  status: 'SUCCESS' | 'FAILED' | 'CAPTURED' | 'CANCELLED';
  transactionType: 'PRE_AUTH' | 'CANCEL';
  parentPaymentId: string | null;
  cardHolderName: string;
  pan: string;
  cardScheme: string;
  authCode: string | null;
  resultCode: string;
  resultMessage: string;
  paymentDate: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function ppError(status: number, errorCode: string, errorMessage: string, details?: { field: string; message: string }[]): SandboxResponse {
  return { status, body: { errorCode, errorMessage, ...(details ? { details } : {}) } };
}

/** The calendar day in Türkiye, where PayPorter's "same day" is reckoned (our reading). */
function istanbulDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

export class PayPorterSandbox {
  readonly payments = new Map<string, PpPayment>();
  readonly kit: SandboxKit;
  private readonly now: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.now = opts.now ?? Date.now;
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.holds(),
      serverError: () => ppError(500, 'INTERNAL_ERROR', 'An unexpected error occurred'),
    });
  }

  holds(): LedgerHold[] {
    return [...this.payments.values()].filter((p) => p.transactionType === 'PRE_AUTH' && p.status !== 'FAILED').map((p) => ({
      id: p.paymentId,
      reference: p.orderId,
      amount: toMinor(p.authorized, p.exponent),
      currency: p.currency,
      state: p.status === 'CANCELLED' ? 'voided' : p.status === 'CAPTURED' ? 'captured' : 'authorized',
      captured: p.status === 'CAPTURED' ? toMinor(p.amount, p.exponent) : 0,
      created_at: new Date(p.paymentDate).toISOString(),
    }));
  }

  private json(p: PpPayment) {
    return {
      paymentId: p.paymentId, orderId: p.orderId, amount: p.amount, installmentCount: 1, currency: p.currency, merchantCommission: 0,
      status: p.status, transactionType: p.transactionType, parentPaymentId: p.parentPaymentId, paymentDate: new Date(p.paymentDate).toISOString(),
      cardHolderName: p.cardHolderName, pan: p.pan, domInt: p.currency === 'TRY' ? 'DOM' : 'INT', cardScheme: p.cardScheme, cardType: 'CREDIT',
      loyaltyCode: null, externalTransactionId: randomUUID(), authCode: p.authCode, resultCode: p.resultCode, resultMessage: p.resultMessage, customerId: null,
    };
  }

  private authorized(request: FastifyRequest): boolean {
    return request.headers['x-api-key'] === SANDBOX_PAYPORTER_KEY && request.headers['x-api-secret'] === SANDBOX_PAYPORTER_SECRET;
  }

  private route(request: FastifyRequest, reply: FastifyReply, process: () => SandboxResponse): Promise<void> {
    if (!this.authorized(request)) return Promise.resolve(this.kit.send(reply, ppError(401, 'UNAUTHORIZED', 'X-API-KEY and X-API-SECRET are missing or invalid')));
    return this.kit.handle(request, reply, async (delay) => { await delay(); return process(); });
  }

  private preauth(body: Obj): SandboxResponse {
    const details: { field: string; message: string }[] = [];
    const need = (field: string, ok: boolean, message: string) => { if (!ok) details.push({ field, message }); };
    need('orderId', typeof body.orderId === 'string' && body.orderId.length > 0, 'is required');
    const exponent = typeof body.currency === 'string' ? currencyExponent(body.currency) : undefined;
    need('currency', exponent !== undefined, 'must be an ISO 4217 code, e.g. TRY');
    need('amount', typeof body.amount === 'number' && body.amount > 0 && (exponent === undefined || Number.isInteger(Math.round(body.amount * 10 ** exponent * 1e6) / 1e6)), 'must be a positive number, e.g. 100.50');
    need('cardHolderName', typeof body.cardHolderName === 'string' && body.cardHolderName.length > 0, 'is required');
    need('pan', typeof body.pan === 'string' && /^\d{12,19}$/.test(body.pan), 'must be the card number');
    need('expiryMonth', typeof body.expiryMonth === 'string' && /^(0[1-9]|1[0-2])$/.test(body.expiryMonth), 'must be 2 digits, e.g. 04');
    need('expiryYear', typeof body.expiryYear === 'string' && /^\d{2}$/.test(body.expiryYear), 'must be 2 digits, e.g. 28');
    need('cvv', typeof body.cvv === 'string' && /^\d{3,4}$/.test(body.cvv), 'must be 3 or 4 digits');
    need('requestIp', typeof body.requestIp === 'string' && body.requestIp.length > 0, 'is required');
    need('requestPort', typeof body.requestPort === 'number' && Number.isInteger(body.requestPort), 'must be a port number');
    if (body.amount === PP_MAGIC.INVALID) details.push({ field: 'amount', message: 'is not allowed for this merchant' });
    if (details.length) return ppError(400, 'VALIDATION_ERROR', 'Request validation failed', details);
    const amount = body.amount as number;
    const pan = body.pan as string;
    let result = { status: 'SUCCESS' as PpPayment['status'], resultCode: '00', resultMessage: 'Approved' };
    if (amount === PP_MAGIC.INSUFFICIENT || pan === '4000000000000002') result = { status: 'FAILED', resultCode: '51', resultMessage: 'Insufficient funds' };
    else if (amount === PP_MAGIC.DO_NOT_HONOR) result = { status: 'FAILED', resultCode: '05', resultMessage: 'Do not honor' };
    else if (amount === PP_MAGIC.EXPIRED) result = { status: 'FAILED', resultCode: '54', resultMessage: 'Expired card' };
    const p: PpPayment = {
      paymentId: randomUUID(), orderId: body.orderId as string, amount, authorized: amount, currency: body.currency as string, exponent: exponent!,
      ...result, transactionType: 'PRE_AUTH', parentPaymentId: null, cardHolderName: body.cardHolderName as string,
      pan: `${pan.slice(0, 6)}******${pan.slice(-4)}`, cardScheme: pan.startsWith('4') ? 'VISA' : pan.startsWith('5') ? 'MASTERCARD' : 'TROY',
      authCode: result.status === 'SUCCESS' ? randomBytes(3).toString('hex').toUpperCase() : null, paymentDate: this.now(),
    };
    this.payments.set(p.paymentId, p);
    return { status: 200, body: this.json(p) };
  }

  private capture(id: string, body: Obj): SandboxResponse {
    const p = this.payments.get(id);
    if (!p || p.transactionType !== 'PRE_AUTH') return ppError(404, 'PAYMENT_NOT_FOUND', 'No pre-authorization with that paymentId');
    if (p.status !== 'SUCCESS') return ppError(409, 'INVALID_PAYMENT_STATUS', `A ${p.status} payment cannot be captured`);
    if (typeof body.amount !== 'number' || body.amount <= 0) return ppError(400, 'VALIDATION_ERROR', 'Request validation failed', [{ field: 'amount', message: 'must be a positive number' }]);
    if (body.currency !== p.currency) return ppError(400, 'VALIDATION_ERROR', 'Request validation failed', [{ field: 'currency', message: `must be ${p.currency}` }]);
    if (body.amount > p.authorized) return ppError(400, 'AMOUNT_EXCEEDS_PREAUTH', 'The capture amount cannot exceed the pre-authorized amount');
    p.amount = body.amount;
    p.status = 'CAPTURED';
    return { status: 200, body: this.json(p) };
  }

  private cancel(id: string): SandboxResponse {
    const p = this.payments.get(id);
    if (!p || p.transactionType !== 'PRE_AUTH') return ppError(404, 'PAYMENT_NOT_FOUND', 'No payment with that paymentId');
    if (p.status !== 'SUCCESS') return ppError(409, 'INVALID_PAYMENT_STATUS', `Only SUCCESS payments can be cancelled; this one is ${p.status}`);
    if (istanbulDay(p.paymentDate) !== istanbulDay(this.now())) return ppError(409, 'CANCEL_NOT_ALLOWED', 'Payments can be cancelled on the same day only; refund it instead');
    p.status = 'CANCELLED';
    const record: PpPayment = { ...p, paymentId: randomUUID(), status: 'SUCCESS', transactionType: 'CANCEL', parentPaymentId: p.paymentId, paymentDate: this.now() };
    this.payments.set(record.paymentId, record);
    return { status: 200, body: this.json(record) };
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    app.post('/api/pre-authorization', (request, reply) => this.route(request, reply, () => this.preauth(isObj(request.body) ? request.body : {})));
    app.post('/api/pre-authorization/:id/capture', (request, reply) => this.route(request, reply, () => this.capture((request.params as { id: string }).id, isObj(request.body) ? request.body : {})));
    app.post('/api/payment/:id/cancel', (request, reply) => this.route(request, reply, () => this.cancel((request.params as { id: string }).id)));
    app.get('/api/payment/:id', (request, reply) => this.route(request, reply, () => {
      const p = this.payments.get((request.params as { id: string }).id);
      return p ? { status: 200, body: this.json(p) } : ppError(404, 'PAYMENT_NOT_FOUND', 'No payment with that paymentId');
    }));
    return app;
  }
}

export async function startPayPorterSandbox(port = 0, opts: { now?: () => number } = {}): Promise<RunningServer & { sandbox: PayPorterSandbox }> {
  const sandbox = new PayPorterSandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
