// The Payroc sandbox: a real HTTP server with Payroc's paths, identity service, mandatory
// Idempotency-Key, problem+json errors and scriptable faults. README.md beside this file gives the
// source of every behaviour (Payroc's SDKs and payroc/skills) or marks it as an assumption.
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyStore, type StoredResponse } from '../idempotency.js';
import { listenSandbox, SandboxKit, type RunningServer } from '../kit.js';
import { PayrocLedger, type LedgerResult } from './ledger.js';
import { validateAdjust, validateAmountBody, validatePayment, type PayrocFieldError } from './validate.js';

export interface PayrocSandboxOptions {
  readonly apiKey?: string;
  readonly tokenTtlS?: number;
  readonly laterMs?: number;
  readonly now?: () => number;
}

export const SANDBOX_PAYROC_API_KEY = 'sandbox-payroc-api-key';

const ERR = 'https://docs.payroc.com/api/errors#';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function problem(
  status: number,
  fragment: string,
  title: string,
  detail: string,
  instance: string,
  errors?: PayrocFieldError[],
  resource?: string,
): StoredResponse {
  return {
    status,
    body: {
      type: `${ERR}${fragment}`,
      title,
      status,
      detail,
      instance,
      ...(resource ? { resource } : {}),
      ...(errors ? { errors } : {}),
    },
  };
}

/** How long Payroc keeps a key's request/response pair (skills integrate-apple-pay/references/idempotency.md). */
export const PAYROC_IDEMPOTENCY_MS = 7 * 24 * 3600 * 1000;

export class PayrocSandbox {
  readonly ledger: PayrocLedger;
  readonly kit: SandboxKit;
  private readonly idempotency: IdempotencyStore;
  private readonly tokens = new Map<string, number>();
  private readonly now: () => number;
  private readonly apiKey: string;
  private readonly tokenTtlS: number;

  constructor(opts: PayrocSandboxOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.apiKey = opts.apiKey ?? SANDBOX_PAYROC_API_KEY;
    this.tokenTtlS = opts.tokenTtlS ?? 3600;
    this.ledger = new PayrocLedger(this.now, opts.laterMs);
    // Pairs are kept 7 days, then the same key is a new request; measured on the sandbox's own clock,
    // so a test can move `now` past the window. A 400 validation answer "created nothing" and leaves the
    // key free for the corrected request (skills boarding/add-processing-account/SKILL.md).
    this.idempotency = new IdempotencyStore({
      now: this.now,
      ttlMs: PAYROC_IDEMPOTENCY_MS,
      keep: (r) => r.status !== 400,
    });
    this.kit = new SandboxKit({
      now: this.now,
      ledger: () => this.ledger.holds(),
      serverError: (r) => problem(500, 'api-error', 'Internal server error', 'An unexpected error occurred', r.url),
      contentType: (r) => (r.status >= 400 ? 'application/problem+json' : 'application/json'),
    });
  }

  get faults() {
    return this.kit.faults;
  }

  get requests() {
    return this.kit.requests;
  }

  expireTokens(): void {
    this.tokens.clear();
  }

  private authorized(request: FastifyRequest): boolean {
    const m = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const expiry = m?.[1] ? this.tokens.get(m[1]) : undefined;
    return expiry !== undefined && this.now() < expiry;
  }

  private ledgerReply(result: LedgerResult, instance: string): StoredResponse {
    // 403 and 404 carry a `resource` member (skills view-disputes/references/error-response-format.md).
    if ('notFound' in result)
      return problem(
        404,
        'not-found',
        'Resource not found',
        'No payment with that paymentId',
        instance,
        undefined,
        'payment',
      );
    if ('errors' in result)
      return problem(
        400,
        'bad-request',
        'Bad request',
        'One or more validation errors occurred, see error section for more info',
        instance,
        result.errors,
      );
    return { status: result.status, body: this.ledger.toJson(result.ok) };
  }

  /**
   * A POST under Payroc's idempotency rules and the next scripted fault. The key is claimed before a
   * scripted delay, so a repeat arriving meanwhile waits for the first and gets its stored answer
   * (our reading: Payroc does not document concurrent repeats).
   */
  private post(request: FastifyRequest, reply: FastifyReply, process: () => StoredResponse): Promise<void> | void {
    const instance = `${request.protocol}://${request.hostname}${request.url}`;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return this.kit.send(
        reply,
        problem(
          400,
          'idempotency-key-missing',
          'Idempotency key missing',
          'The Idempotency-Key header is required on this request',
          instance,
        ),
      );
    }
    if (!UUID_V4.test(key)) {
      return this.kit.send(
        reply,
        problem(
          400,
          'bad-request',
          'Bad request',
          'One or more validation errors occurred, see error section for more info',
          instance,
          [
            {
              parameter: 'Idempotency-Key',
              detail: 'Invalid format',
              message: 'The Idempotency-Key must be a UUID v4',
            },
          ],
        ),
      );
    }
    return this.kit.handle(request, reply, async (delay) => {
      const claim = await this.idempotency.claim(
        key,
        IdempotencyStore.fingerprint(request.method, request.url, request.body),
      );
      if (claim.kind === 'conflict')
        return problem(
          409,
          'idempotency-key-in-use',
          'Idempotency key in use',
          'The Idempotency-Key was already used with a different request',
          instance,
        );
      if (claim.kind === 'replay') return claim.response;
      if (claim.kind === 'locked') throw new Error('unreachable: the Payroc store waits for the first request');
      await delay();
      const response = process();
      claim.complete(response);
      return response;
    });
  }

  build(): FastifyInstance {
    const app = this.kit.app();
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      const r =
        status === 413
          ? problem(413, 'payload-too-large', 'Payload too large', err.message, request.url)
          : status === 415
            ? problem(415, 'unsupported-media-type', 'Unsupported media type', err.message, request.url)
            : status === 500
              ? problem(500, 'api-error', 'Internal server error', err.message, request.url)
              : problem(400, 'bad-request', 'Bad request', err.message, request.url);
      this.kit.send(reply, r);
    });
    app.addHook('preHandler', async (request, reply) => {
      if (request.url.startsWith('/v1/') && !this.authorized(request)) {
        this.kit.send(
          reply,
          problem(
            401,
            'not-authorized',
            'Not authorized',
            'Identity could not be verified; request a new Bearer token',
            request.url,
          ),
        );
        return reply;
      }
      return undefined;
    });

    app.post('/authorize', async (request, reply) => {
      if (request.headers['x-api-key'] !== this.apiKey) {
        return this.kit.send(reply, problem(401, 'not-authorized', 'Not authorized', 'Invalid API key', request.url));
      }
      const token = randomBytes(24).toString('base64url');
      this.tokens.set(token, this.now() + this.tokenTtlS * 1000);
      return this.kit.send(reply, {
        status: 200,
        body: { access_token: token, expires_in: this.tokenTtlS, scope: 'payments', token_type: 'Bearer' },
      });
    });

    app.post('/v1/payments', (request, reply) =>
      this.post(request, reply, () => {
        const v = validatePayment(request.body);
        if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
        return this.ledgerReply(this.ledger.create(v.ok), request.url);
      }),
    );
    app.post('/v1/payments/:id/adjust', (request, reply) =>
      this.post(request, reply, () => {
        const v = validateAdjust(request.body);
        if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
        return this.ledgerReply(this.ledger.adjust((request.params as { id: string }).id, v.amount), request.url);
      }),
    );
    app.post('/v1/payments/:id/capture', (request, reply) =>
      this.post(request, reply, () => {
        const v = validateAmountBody(request.body, 'capture');
        if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
        return this.ledgerReply(this.ledger.capture((request.params as { id: string }).id, v.amount), request.url);
      }),
    );
    app.post('/v1/payments/:id/reverse', (request, reply) =>
      this.post(request, reply, () => {
        const v = validateAmountBody(request.body, 'reverse');
        if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
        return this.ledgerReply(this.ledger.reverse((request.params as { id: string }).id, v.amount), request.url);
      }),
    );

    app.get('/v1/payments/:id', (request, reply) =>
      this.kit.handle(request, reply, async (delay) => {
        await delay();
        const p = this.ledger.get((request.params as { id: string }).id);
        return p
          ? { status: 200, body: this.ledger.toJson(p) }
          : problem(
              404,
              'not-found',
              'Resource not found',
              'No payment with that paymentId',
              request.url,
              undefined,
              'payment',
            );
      }),
    );
    app.get('/v1/payments', (request, reply) =>
      this.kit.handle(request, reply, async (delay) => {
        await delay();
        const q = request.query as Record<string, string | undefined>;
        const limit = Math.min(100, Math.max(1, Number(q.limit ?? 10) || 10));
        for (const k of ['dateFrom', 'dateTo'] as const)
          if (q[k] !== undefined && !Number.isFinite(Date.parse(q[k])))
            return problem(400, 'bad-request', 'Bad request', `${k} is not an ISO 8601 date`, request.url, [
              { parameter: k, detail: 'Invalid format', message: `${k} must follow ISO 8601` },
            ]);
        const { page, hasMore } = this.ledger.list({
          ...(q.orderId !== undefined ? { orderId: q.orderId } : {}),
          ...(q.processingTerminalId !== undefined ? { processingTerminalId: q.processingTerminalId } : {}),
          ...(q.dateFrom !== undefined ? { dateFrom: q.dateFrom } : {}),
          ...(q.dateTo !== undefined ? { dateTo: q.dateTo } : {}),
          ...(q.after !== undefined ? { after: q.after } : {}),
          limit,
        });
        const data = page.map((p) => this.ledger.toJson(p));
        const last = page.at(-1);
        // PaginatedList.links: HATEOAS `{rel, method, href}` (Link.ts); the next page continues after the last id.
        const links = [];
        if (hasMore && last) {
          const next = new URLSearchParams(q as Record<string, string>);
          next.set('after', last.paymentId);
          links.push({ rel: 'next', method: 'get', href: `/v1/payments?${next.toString()}` });
        }
        return { status: 200, body: { limit, count: data.length, hasMore, data, links } };
      }),
    );
    // Test controls, not Payroc behaviour: change Payroc's books behind the bridge's back, so a
    // reconciliation has a difference to find.
    app.post('/__sandbox/records', async (request, reply) => {
      const b = (request.body ?? {}) as {
        action?: string;
        reference?: string;
        amount?: number;
        currency?: string;
        processingTerminalId?: string;
      };
      if (b.action === 'set_amount' && b.reference && Number.isInteger(b.amount)) {
        const p = this.ledger.setAmount(b.reference, b.amount!);
        return p
          ? { ok: true, paymentId: p.paymentId }
          : reply.code(404).send({ error: 'no payment with that orderId' });
      }
      if (b.action === 'drop' && b.reference)
        return this.ledger.drop(b.reference)
          ? { ok: true }
          : reply.code(404).send({ error: 'no payment with that orderId' });
      if (b.action === 'add' && b.processingTerminalId && Number.isInteger(b.amount)) {
        const p = this.ledger.addForeign(b.processingTerminalId, b.amount!, b.currency ?? 'USD');
        return { ok: true, paymentId: p.paymentId };
      }
      return reply.code(400).send({
        error:
          'action: set_amount {reference, amount} | drop {reference} | add {processingTerminalId, amount, currency?}',
      });
    });
    app.post('/__sandbox/expire-tokens', async () => {
      this.expireTokens();
      return { ok: true };
    });
    return app;
  }
}

export interface RunningSandbox extends RunningServer {
  readonly sandbox: PayrocSandbox;
}

export async function startPayrocSandbox(port = 0, opts: PayrocSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new PayrocSandbox(opts);
  const running = await listenSandbox(sandbox.build(), port);
  return { ...running, sandbox };
}
