// The SmartRetry sandbox, following SmartRetry's public docs (README.md beside this file lists every
// behaviour with its source): x-api-key, per-key rate limits with X-RateLimit-* headers on every answer,
// the optional Idempotency-Key (24 h replay of non-5xx answers, 409 IDEMPOTENCY_CONFLICT, 503
// RESOURCE_LOCKED), problem-details errors with reason_code, and asynchronous outcomes behind the
// status endpoint, including soft declines that SmartRetry's automatic retry approves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyStore } from '../idempotency.js';
import { listenSandbox, SandboxKit, type RunningServer, type SandboxResponse } from '../kit.js';
import { SmartRetryBook } from './book.js';
import { invalidProblem, srProblem } from './problems.js';
import { RateLimiter, SMARTRETRY_RATE_LIMITS, type RateClass, type RateLimits } from './rate-limit.js';
import { statusJson } from './status-json.js';
import { SR_MAGIC } from './timeline.js';
import { checkAmount, isInvalid, isObj, validatePreauth } from './validate.js';

export const SANDBOX_SMARTRETRY_API_KEY = 'sk_test_posbridge_sandbox';
export const SANDBOX_SMARTRETRY_TERMINAL = 'SBX001';

/** api-reference/idempotency: stored "for 24 hours"; a duplicate waits at most 10 seconds. */
export const SR_REPLAY_WINDOW_MS = 24 * 3_600_000;
const LOCK_WAIT_MS = 10_000;

export interface SmartRetrySandboxOptions {
  /** The sandbox's clock: statuses, rate-limit windows and the idempotency replay window all read it. */
  readonly now?: () => number;
  readonly processingMs?: number;
  readonly unknownMs?: number;
  /** Delay before SmartRetry's automatic retry of a soft decline (magic amounts 51.06, 51.07). */
  readonly retryMs?: number;
  /** Payment operations per second per key before 429 (SmartRetry: 100). */
  readonly paymentRps?: number;
  readonly statusRps?: number;
  readonly totalRps?: number;
  readonly lockWaitMs?: number;
}

type Obj = Record<string, unknown>;

export class SmartRetrySandbox {
  readonly book: SmartRetryBook;
  readonly kit: SandboxKit;
  private readonly idem: IdempotencyStore;
  private readonly now: () => number;
  private readonly limiter: RateLimiter;

  constructor(opts: SmartRetrySandboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    const limits: RateLimits = {
      payments: opts.paymentRps ?? SMARTRETRY_RATE_LIMITS.payments,
      status: opts.statusRps ?? SMARTRETRY_RATE_LIMITS.status,
      all: opts.totalRps ?? SMARTRETRY_RATE_LIMITS.all,
    };
    this.limiter = new RateLimiter(this.now, limits);
    this.book = new SmartRetryBook(this.now, {
      processingMs: opts.processingMs ?? 300,
      unknownMs: opts.unknownMs ?? 1500,
      retryMs: opts.retryMs ?? 1000,
    });
    // 5xx answers are not stored, so a retry of one runs again (api-reference/idempotency).
    this.idem = new IdempotencyStore({
      now: this.now,
      ttlMs: SR_REPLAY_WINDOW_MS,
      lockWaitMs: opts.lockWaitMs ?? LOCK_WAIT_MS,
      keep: (r) => r.status < 500,
    });
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.book.holds(),
      serverError: (r) => srProblem(500, 'INTERNAL_ERROR', 'An unexpected error occurred.', r.url),
      // RFC 7807 problem details (integration/rest-api, "Error format").
      contentType: (r) => (r.status >= 400 ? 'application/problem+json' : 'application/json'),
    });
  }

  /** Checks every API request makes before anything else: the key (401), then the rate limit (429). */
  private gate(
    request: FastifyRequest,
    kind: RateClass,
  ): { refused?: SandboxResponse; headers: Record<string, string> } {
    if (request.headers['x-api-key'] !== SANDBOX_SMARTRETRY_API_KEY) {
      return {
        refused: srProblem(
          401,
          'INVALID_API_KEY',
          'The x-api-key header is missing or the provided key is invalid.',
          request.url,
        ),
        headers: {},
      };
    }
    const rate = this.limiter.take(kind);
    if (!rate.limited) return { headers: rate.headers };
    const r = srProblem(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded. Retry after 1 second.', request.url, {
      retry_after_seconds: 1,
    });
    return { refused: { ...r, headers: { ...rate.headers, 'retry-after': '1' } }, headers: rate.headers };
  }

  private terminalRefusal(request: FastifyRequest): SandboxResponse | undefined {
    const tid = (request.params as { tid: string }).tid;
    if (tid === SANDBOX_SMARTRETRY_TERMINAL) return undefined;
    // api-reference/overview: a terminal the key cannot access is 403; errors: TERMINAL_NOT_FOUND (403 / 404).
    return srProblem(
      403,
      'TERMINAL_NOT_FOUND',
      `The terminal_friendly_id '${tid}' does not match any terminal your key can access.`,
      request.url,
      { terminal_friendly_id: tid },
    );
  }

  /** A payment POST: the gate, then the Idempotency-Key rules around the terminal check and `process`. */
  private async payment(
    request: FastifyRequest,
    reply: FastifyReply,
    process: (body: Obj) => SandboxResponse,
  ): Promise<void> {
    const instance = request.url;
    const gate = this.gate(request, 'payments');
    const withRate = (r: SandboxResponse): SandboxResponse => ({
      ...r,
      headers: { ...gate.headers, ...(r.headers ?? {}) },
    });
    if (gate.refused) return this.kit.send(reply, gate.refused);
    const key = request.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(key))) {
      return this.kit.send(
        reply,
        withRate(
          srProblem(
            400,
            'INVALID_IDEMPOTENCY_KEY',
            'The Idempotency-Key header is too long or contains unsupported characters.',
            instance,
          ),
        ),
      );
    }
    const run = (): SandboxResponse =>
      this.terminalRefusal(request) ?? process(isObj(request.body) ? request.body : {});
    return this.kit.handle(request, reply, async (delay) => {
      if (typeof key !== 'string') {
        await delay();
        return withRate(run());
      }
      const claim = await this.idem.claim(key, IdempotencyStore.fingerprint(request.method, request.url, request.body));
      if (claim.kind === 'conflict')
        return withRate(
          srProblem(
            409,
            'IDEMPOTENCY_CONFLICT',
            'The Idempotency-Key was already used with a different request body.',
            instance,
            { idempotency_key: key },
          ),
        );
      if (claim.kind === 'locked')
        return withRate(
          srProblem(
            503,
            'RESOURCE_LOCKED',
            'Another request with the same Idempotency-Key is still being processed. Retry shortly.',
            instance,
          ),
        );
      const headers = (storedAt: number, replayed: boolean) => ({
        'idempotency-key': key,
        'idempotency-replayed': String(replayed),
        'idempotency-expires': new Date(storedAt + SR_REPLAY_WINDOW_MS).toISOString(),
      });
      // Replay preserves the original status and body (200, 400, 403, 404 …).
      if (claim.kind === 'replay') return withRate({ ...claim.response, headers: headers(claim.storedAt, true) });
      await delay();
      const r = run();
      claim.complete(r);
      return withRate({ ...r, headers: headers(this.now(), false) });
    });
  }

  private preauth(body: Obj, instance: string): SandboxResponse {
    const input = validatePreauth(body, new Date(this.now()));
    if (isInvalid(input)) return invalidProblem(input, instance);
    if (input.amount === SR_MAGIC.INVALID)
      return invalidProblem(
        {
          reason: 'INVALID_AMOUNT',
          field: 'amount',
          detail: 'This amount is refused by the sandbox (magic value 51.05).',
        },
        instance,
      );
    const t = this.book.preauth(input);
    const accepted = input.amount !== SR_MAGIC.NOT_ACCEPTED;
    return {
      status: 200,
      body: {
        transaction_id: t.transaction_id,
        order_id: t.order_id,
        merchant_transaction_id: t.merchant_transaction_id,
        accepted,
      },
    };
  }

  private capture(body: Obj, instance: string): SandboxResponse {
    const refused = this.book.refusal('capture', body.transaction_reference_id, body.order_reference_id);
    if (refused) return invalidProblem(refused.invalid, instance, refused.status);
    const parent = this.book.txs.get(body.transaction_reference_id as string)!;
    if (body.amount !== undefined) {
      const bad = checkAmount(body.amount, parent.exponent);
      if (bad) return invalidProblem(bad, instance);
      if ((body.amount as number) > parent.amount)
        return invalidProblem(
          { reason: 'AMOUNT_EXCEEDS_AUTHORIZED', field: 'amount', detail: 'amount exceeds the authorized amount' },
          instance,
        );
    }
    const mtid = body.merchant_transaction_id;
    if (mtid !== undefined && (typeof mtid !== 'string' || mtid.length > 100))
      return invalidProblem(
        {
          reason: 'INVALID_FIELD',
          field: 'merchant_transaction_id',
          detail: 'merchant_transaction_id is at most 100 characters.',
        },
        instance,
      );
    const t = this.book.followUp(
      'capture',
      parent.transaction_id,
      mtid as string | undefined,
      typeof body.amount === 'number' ? body.amount : parent.amount,
    );
    return {
      status: 200,
      body: {
        transaction_id: t.transaction_id,
        order_id: t.order_id,
        ...(t.merchant_transaction_id !== undefined ? { merchant_transaction_id: t.merchant_transaction_id } : {}),
        accepted: true,
      },
    };
  }

  private void(body: Obj, instance: string): SandboxResponse {
    const refused = this.book.refusal('void', body.transaction_reference_id, body.order_reference_id);
    if (refused) return invalidProblem(refused.invalid, instance, refused.status);
    const parent = this.book.txs.get(body.transaction_reference_id as string)!;
    const t = this.book.followUp('void', parent.transaction_id, undefined, parent.amount);
    // payments/void: the answer has no merchant_transaction_id.
    return { status: 200, body: { transaction_id: t.transaction_id, order_id: t.order_id, accepted: true } };
  }

  private async status(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const gate = this.gate(request, 'status');
    if (gate.refused) return this.kit.send(reply, gate.refused);
    return this.kit.handle(request, reply, async (delay) => {
      await delay();
      const refused = this.terminalRefusal(request);
      const id = (request.params as { id: string }).id;
      const t = this.book.txs.get(id);
      const r =
        refused ??
        (t
          ? { status: 200, body: statusJson(t, this.book.phaseOf(t)) }
          : srProblem(
              404,
              'TRANSACTION_NOT_FOUND',
              `No transaction with ID '${id}' was found on terminal '${SANDBOX_SMARTRETRY_TERMINAL}'.`,
              request.url,
              { terminal_friendly_id: SANDBOX_SMARTRETRY_TERMINAL, transaction_id: id },
            ));
      return { ...r, headers: gate.headers };
    });
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    // Test controls, not SmartRetry behaviour: change SmartRetry's books behind the bridge's back, so a
    // reconciliation has a difference to find. `reference` is the merchant_transaction_id, `amount` minor units.
    app.post('/__sandbox/records', async (request, reply) => {
      const b = (request.body ?? {}) as { action?: string; reference?: string; amount?: number };
      const t = [...this.book.txs.values()].find(
        (x) => x.type === 'preauth' && x.merchant_transaction_id === b.reference,
      );
      if (!t)
        return reply.code(b.action ? 404 : 400).send({
          error: b.action
            ? 'no pre-auth with that merchant_transaction_id'
            : 'action: set_amount {reference, amount (minor units)} | drop {reference}',
        });
      if (b.action === 'set_amount' && Number.isInteger(b.amount)) {
        (t as { amount: number }).amount = b.amount! / 10 ** t.exponent;
        return { ok: true };
      }
      if (b.action === 'drop') {
        for (const [id, x] of this.book.txs)
          if (id === t.transaction_id || x.parent === t.transaction_id) this.book.txs.delete(id);
        return { ok: true };
      }
      return reply.code(400).send({ error: 'action: set_amount {reference, amount (minor units)} | drop {reference}' });
    });
    app.post('/v1/payments/preauth/:tid', (request, reply) =>
      this.payment(request, reply, (body) => this.preauth(body, request.url)),
    );
    app.post('/v1/payments/capture/:tid', (request, reply) =>
      this.payment(request, reply, (body) => this.capture(body, request.url)),
    );
    app.post('/v1/payments/void/:tid', (request, reply) =>
      this.payment(request, reply, (body) => this.void(body, request.url)),
    );
    app.get('/v1/payments/status/:tid/:id', (request, reply) => this.status(request, reply));
    // api-reference/health: no authentication.
    const at = () => new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    app.get('/health/', async () => ({ status: 'healthy', timestamp: at() }));
    app.get('/health/ready', async () => ({
      status: 'ready',
      timestamp: at(),
      checks: { database: 'ok', cache: 'ok', payment_providers: 'ok' },
    }));
    app.get('/health/live', async () => ({ status: 'alive', timestamp: at() }));
    return app;
  }
}

export async function startSmartRetrySandbox(
  port = 0,
  opts: SmartRetrySandboxOptions = {},
): Promise<RunningServer & { sandbox: SmartRetrySandbox }> {
  const sandbox = new SmartRetrySandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
