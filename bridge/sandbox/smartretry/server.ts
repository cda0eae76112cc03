// The SmartRetry sandbox: x-api-key, optional Idempotency-Key (24 h replay, 409 on another body,
// 503 RESOURCE_LOCKED when a duplicate waits more than 10 s), per-key rate limits with Retry-After,
// problem-details errors with reason_code, and asynchronous settlement behind the status endpoint.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currencyExponent } from '../../core/money.js';
import { IdempotencyStore } from '../idempotency.js';
import { listenSandbox, SandboxKit, type RunningServer, type SandboxResponse } from '../kit.js';
import { SmartRetryBook, SR_MAGIC } from './book.js';

export const SANDBOX_SMARTRETRY_API_KEY = 'sk_test_posbridge_sandbox';
export const SANDBOX_SMARTRETRY_TERMINAL = 'SBX001';

export interface SmartRetrySandboxOptions {
  readonly now?: () => number;
  readonly processingMs?: number;
  readonly unknownMs?: number;
  /** Payment operations per second per key before 429 (SmartRetry: 100). */
  readonly paymentRps?: number;
  readonly lockWaitMs?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function srProblem(status: number, reason: string, title: string, detail: string, instance: string, context?: Obj): SandboxResponse {
  return {
    status,
    body: { type: `https://www.smartretry.com/docs/api-reference/errors#${reason.toLowerCase()}`, title, status, detail, instance, reason_code: reason, ...(context ? { context } : {}) },
  };
}

function validation(instance: string, context: Obj): SandboxResponse {
  return srProblem(400, 'VALIDATION_ERROR', 'Validation failed', 'One or more fields are invalid', instance, context);
}

export class SmartRetrySandbox {
  readonly book: SmartRetryBook;
  readonly kit: SandboxKit;
  private readonly idem: IdempotencyStore;
  private readonly now: () => number;
  private readonly rps: number;
  private window = { second: 0, count: 0 };

  constructor(opts: SmartRetrySandboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.rps = opts.paymentRps ?? 100;
    this.book = new SmartRetryBook(this.now, opts.processingMs ?? 300, opts.unknownMs ?? 1500);
    this.idem = new IdempotencyStore({ now: this.now, ttlMs: 24 * 3600 * 1000, lockWaitMs: opts.lockWaitMs ?? 10_000, keep: (r) => r.status < 500 });
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.book.holds(),
      serverError: (r) => srProblem(500, 'INTERNAL_ERROR', 'Internal server error', 'An unexpected error occurred', r.url),
      contentType: (r) => (r.status >= 400 ? 'application/problem+json' : 'application/json'),
    });
  }

  private rateLimited(): SandboxResponse | undefined {
    const second = Math.floor(this.now() / 1000);
    if (this.window.second !== second) this.window = { second, count: 0 };
    this.window.count += 1;
    const headers = { 'x-ratelimit-limit': String(this.rps), 'x-ratelimit-remaining': String(Math.max(0, this.rps - this.window.count)), 'x-ratelimit-reset': String(second + 1) };
    if (this.window.count <= this.rps) return undefined;
    const r = srProblem(429, 'RATE_LIMIT_EXCEEDED', 'Too many requests', `More than ${this.rps} payment requests per second`, '/v1/payments');
    return { ...r, headers: { ...headers, 'retry-after': '1' } };
  }

  /** A payment POST: auth, terminal, rate limit, then the Idempotency-Key rules around `process`. */
  private async payment(request: FastifyRequest, reply: FastifyReply, process: (body: Obj) => SandboxResponse): Promise<void> {
    const instance = request.url;
    if (request.headers['x-api-key'] !== SANDBOX_SMARTRETRY_API_KEY) return this.kit.send(reply, srProblem(401, 'INVALID_API_KEY', 'Unauthorized', 'The x-api-key header is missing or invalid', instance));
    if ((request.params as { tid: string }).tid !== SANDBOX_SMARTRETRY_TERMINAL) return this.kit.send(reply, srProblem(404, 'TERMINAL_NOT_FOUND', 'Not found', 'Unknown terminal_friendly_id', instance));
    const limited = this.rateLimited();
    if (limited) return this.kit.send(reply, limited);
    const key = request.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(key))) {
      return this.kit.send(reply, validation(instance, { 'Idempotency-Key': 'must be 1-255 characters of A-Z a-z 0-9 _ -' }));
    }
    return this.kit.handle(request, reply, async (delay) => {
      const body = isObj(request.body) ? request.body : {};
      if (typeof key !== 'string') {
        await delay();
        return process(body);
      }
      const claim = await this.idem.claim(key, IdempotencyStore.fingerprint(request.method, request.url, request.body));
      if (claim.kind === 'conflict') return srProblem(409, 'IDEMPOTENCY_CONFLICT', 'Conflict', 'The Idempotency-Key was used with a different request body', instance);
      if (claim.kind === 'locked') return srProblem(503, 'RESOURCE_LOCKED', 'Service unavailable', 'A request with this Idempotency-Key is still being processed', instance);
      const expires = (at: number) => new Date(at + 24 * 3600 * 1000).toISOString();
      if (claim.kind === 'replay') {
        return { ...claim.response, headers: { 'idempotency-key': key, 'idempotency-replayed': 'true', 'idempotency-expires': expires(claim.storedAt) } };
      }
      await delay();
      const r = process(body);
      claim.complete(r);
      return { ...r, headers: { 'idempotency-key': key, 'idempotency-replayed': 'false', 'idempotency-expires': expires(this.now()) } };
    });
  }

  private preauth(body: Obj, instance: string): SandboxResponse {
    const errors: Obj = {};
    const mtid = body.merchant_transaction_id;
    if (typeof mtid !== 'string' || mtid.length < 1 || mtid.length > 100) errors.merchant_transaction_id = 'is required, at most 100 characters';
    const amount = body.amount;
    if (typeof amount !== 'number' || amount < 1 || amount > 999_999_999) errors.amount = 'must be a number from 1 to 999999999 in major units';
    const currency = body.currency;
    const exponent = typeof currency === 'string' ? currencyExponent(currency) : undefined;
    if (exponent === undefined) errors.currency = 'must be an ISO 4217 code';
    else if (typeof amount === 'number' && Math.abs(Math.round(amount * 10 ** exponent) - amount * 10 ** exponent) > 1e-6) errors.amount = `has more decimals than ${String(currency)} allows`;
    const order = isObj(body.order) ? body.order : undefined;
    const pi = order && isObj(order.payment_instrument) ? order.payment_instrument : undefined;
    if (!pi) errors['order.payment_instrument'] = 'is required';
    else {
      if (typeof pi.card_number !== 'string' || !/^\d{12,19}$/.test(pi.card_number)) errors['order.payment_instrument.card_number'] = 'must be 12-19 digits';
      if (typeof pi.expiry_month !== 'number' || pi.expiry_month < 1 || pi.expiry_month > 12) errors['order.payment_instrument.expiry_month'] = 'must be 1-12';
      if (typeof pi.expiry_year !== 'number' || pi.expiry_year < 2000) errors['order.payment_instrument.expiry_year'] = 'must be a four-digit year';
    }
    if (body.cvv !== undefined && (typeof body.cvv !== 'string' || !/^\d{3,4}$/.test(body.cvv))) errors.cvv = 'must be 3 or 4 digits';
    if (amount === SR_MAGIC.INVALID) errors.amount = 'is not allowed for this terminal';
    if (Object.keys(errors).length) return validation(instance, errors);
    const t = this.book.preauth({ merchant_transaction_id: mtid as string, amount: amount as number, currency: currency as string, exponent: exponent!, card_number: pi!.card_number as string });
    return { status: 200, body: { transaction_id: t.transaction_id, order_id: t.order_id, merchant_transaction_id: t.merchant_transaction_id, accepted: true } };
  }

  private followUp(type: 'CAPTURE' | 'VOID', body: Obj, instance: string): SandboxResponse {
    const parent = typeof body.transaction_reference_id === 'string' ? this.book.txs.get(body.transaction_reference_id) : undefined;
    if (!parent || parent.type !== 'PREAUTH' || parent.order_id !== body.order_reference_id) {
      return srProblem(404, 'TRANSACTION_NOT_FOUND', 'Not found', 'No pre-authorisation with that transaction_reference_id and order_reference_id', instance);
    }
    if (this.book.statusOf(parent).status !== 'APPROVED' || parent.captured !== null || parent.voided) {
      return srProblem(409, 'INVALID_TRANSACTION_STATE', 'Conflict', `The pre-authorisation cannot be ${type === 'CAPTURE' ? 'captured' : 'voided'} in its current state`, instance);
    }
    let amount = parent.amount;
    if (type === 'CAPTURE') {
      if (body.amount !== undefined && (typeof body.amount !== 'number' || body.amount <= 0)) return validation(instance, { amount: 'must be a positive number' });
      if (typeof body.amount === 'number') amount = body.amount;
      if (amount > parent.amount) return validation(instance, { amount: 'must not exceed the authorised amount' });
      const mtid = body.merchant_transaction_id;
      if (typeof mtid !== 'string' || mtid.length < 1 || mtid.length > 100) return validation(instance, { merchant_transaction_id: 'is required, at most 100 characters' });
    }
    const t = this.book.followUp(type, parent, typeof body.merchant_transaction_id === 'string' ? body.merchant_transaction_id : parent.merchant_transaction_id, amount);
    return { status: 200, body: { transaction_id: t.transaction_id, order_id: t.order_id, merchant_transaction_id: t.merchant_transaction_id, accepted: true } };
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    app.post('/v1/payments/preauth/:tid', (request, reply) => this.payment(request, reply, (body) => this.preauth(body, request.url)));
    app.post('/v1/payments/capture/:tid', (request, reply) => this.payment(request, reply, (body) => this.followUp('CAPTURE', body, request.url)));
    app.post('/v1/payments/void/:tid', (request, reply) => this.payment(request, reply, (body) => this.followUp('VOID', body, request.url)));
    app.get('/v1/payments/status/:tid/:id', async (request, reply) => {
      if (request.headers['x-api-key'] !== SANDBOX_SMARTRETRY_API_KEY) return this.kit.send(reply, srProblem(401, 'INVALID_API_KEY', 'Unauthorized', 'The x-api-key header is missing or invalid', request.url));
      return this.kit.handle(request, reply, async (delay) => {
        await delay();
        const t = this.book.txs.get((request.params as { id: string }).id);
        return t ? { status: 200, body: this.book.statusJson(t) } : srProblem(404, 'TRANSACTION_NOT_FOUND', 'Not found', 'No transaction with that id', request.url);
      });
    });
    return app;
  }
}

export async function startSmartRetrySandbox(port = 0, opts: SmartRetrySandboxOptions = {}): Promise<RunningServer & { sandbox: SmartRetrySandbox }> {
  const sandbox = new SmartRetrySandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
