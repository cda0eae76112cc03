// The Payroc sandbox: a real HTTP server with Payroc's paths, identity service, mandatory
// Idempotency-Key, problem+json errors and scriptable faults. See README.md beside this file.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FaultQueue, isFaultsBody, sleep, type Fault } from '../faults.js';
import { IdempotencyStore, type StoredResponse } from '../idempotency.js';
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

function problem(status: number, fragment: string, title: string, detail: string, instance: string, errors?: PayrocFieldError[]): StoredResponse {
  return { status, body: { type: `${ERR}${fragment}`, title, status, detail, instance, ...(errors ? { errors } : {}) } };
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly idempotency_key: string | null;
  readonly at: string;
}

export class PayrocSandbox {
  readonly ledger: PayrocLedger;
  readonly faults = new FaultQueue();
  readonly requests: RequestRecord[] = [];
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
    // Payroc keeps key/response pairs for 7 days.
    this.idempotency = new IdempotencyStore({ now: this.now, ttlMs: 7 * 24 * 3600 * 1000 });
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
    if ('notFound' in result) return problem(404, 'not-found', 'Resource not found', 'No payment with that paymentId', instance);
    if ('errors' in result) return problem(400, 'bad-request', 'Bad request', 'One or more validation errors occurred, see error section for more info', instance, result.errors);
    return { status: result.status, body: this.ledger.toJson(result.ok) };
  }

  /** Processes a POST under Payroc's idempotency rules and the next scripted fault. */
  private async post(request: FastifyRequest, reply: FastifyReply, process: () => StoredResponse): Promise<void> {
    const instance = `${request.protocol}://${request.hostname}${request.url}`;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return this.send(reply, problem(400, 'idempotency-key-missing', 'Idempotency key missing', 'The Idempotency-Key header is required on this request', instance));
    }
    if (!UUID_V4.test(key)) {
      return this.send(reply, problem(400, 'bad-request', 'Bad request', 'One or more validation errors occurred, see error section for more info', instance,
        [{ parameter: 'Idempotency-Key', detail: 'Invalid format', message: 'The Idempotency-Key must be a UUID v4' }]));
    }
    const fault = this.faults.take(request.method, request.url);
    if (fault?.kind === 'http_500') return this.send(reply, problem(500, 'api-error', 'Internal server error', 'An unexpected error occurred', instance));
    if (fault?.kind === 'close_before') return this.destroy(request, reply);
    const claim = await this.idempotency.claim(key, IdempotencyStore.fingerprint(request.method, request.url, request.body));
    if (claim.kind === 'conflict') {
      return this.send(reply, problem(409, 'idempotency-key-in-use', 'Idempotency key in use', 'The Idempotency-Key was already used with a different request', instance));
    }
    let response: StoredResponse;
    if (claim.kind === 'replay') {
      response = claim.response;
    } else if (claim.kind === 'locked') {
      throw new Error('unreachable: the Payroc sandbox waits for the first request');
    } else {
      if (fault?.kind === 'delay') await sleep(fault.ms);
      response = process();
      claim.complete(response);
    }
    return this.afterProcessing(request, reply, response, fault);
  }

  private async afterProcessing(request: FastifyRequest, reply: FastifyReply, response: StoredResponse, fault: Fault | undefined): Promise<void> {
    if (fault?.kind === 'close_after') return this.destroy(request, reply);
    if (fault?.kind === 'slow_after') await sleep(fault.ms);
    return this.send(reply, response);
  }

  /** Applies the next scripted fault to a read; true when the fault already answered (or dropped) it. */
  private async readFault(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const fault = this.faults.take(request.method, request.url);
    if (fault?.kind === 'close_before' || fault?.kind === 'close_after') {
      this.destroy(request, reply);
      return true;
    }
    if (fault?.kind === 'http_500') {
      this.send(reply, problem(500, 'api-error', 'Internal server error', 'An unexpected error occurred', request.url));
      return true;
    }
    if (fault && 'ms' in fault) await sleep(fault.ms);
    return false;
  }

  private send(reply: FastifyReply, r: StoredResponse): void {
    const type = r.status >= 400 ? 'application/problem+json' : 'application/json';
    void reply.code(r.status).header('content-type', `${type}; charset=utf-8`).send(r.body);
  }

  private destroy(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    request.raw.socket.destroy();
  }

  build(): FastifyInstance {
    const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try { done(null, JSON.parse(text)); } catch (err) { done(err as Error, undefined); }
    });
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      const r = status === 413 ? problem(413, 'payload-too-large', 'Payload too large', err.message, request.url)
        : status === 415 ? problem(415, 'unsupported-media-type', 'Unsupported media type', err.message, request.url)
          : status === 500 ? problem(500, 'api-error', 'Internal server error', err.message, request.url)
            : problem(400, 'bad-request', 'Bad request', err.message, request.url);
      this.send(reply, r);
    });
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/__sandbox')) {
        const key = request.headers['idempotency-key'];
        this.requests.push({ method: request.method, path: request.url, idempotency_key: typeof key === 'string' ? key : null, at: new Date(this.now()).toISOString() });
      }
    });
    app.addHook('preHandler', async (request, reply) => {
      if (request.url.startsWith('/v1/') && !this.authorized(request)) {
        this.send(reply, problem(401, 'not-authorized', 'Not authorized', 'Identity could not be verified; request a new Bearer token', request.url));
        return reply;
      }
      return undefined;
    });

    app.post('/authorize', async (request, reply) => {
      if (request.headers['x-api-key'] !== this.apiKey) {
        return this.send(reply, problem(401, 'not-authorized', 'Not authorized', 'Invalid API key', request.url));
      }
      const token = randomBytes(24).toString('base64url');
      this.tokens.set(token, this.now() + this.tokenTtlS * 1000);
      return this.send(reply, { status: 200, body: { access_token: token, expires_in: this.tokenTtlS, scope: 'payments', token_type: 'Bearer' } });
    });

    app.post('/v1/payments', async (request, reply) => this.post(request, reply, () => {
      const v = validatePayment(request.body);
      if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
      return this.ledgerReply(this.ledger.create(v.ok), request.url);
    }));
    app.post('/v1/payments/:id/adjust', async (request, reply) => this.post(request, reply, () => {
      const v = validateAdjust(request.body);
      if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
      return this.ledgerReply(this.ledger.adjust((request.params as { id: string }).id, v.amount), request.url);
    }));
    app.post('/v1/payments/:id/capture', async (request, reply) => this.post(request, reply, () => {
      const v = validateAmountBody(request.body, 'capture');
      if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
      return this.ledgerReply(this.ledger.capture((request.params as { id: string }).id, v.amount), request.url);
    }));
    app.post('/v1/payments/:id/reverse', async (request, reply) => this.post(request, reply, () => {
      const v = validateAmountBody(request.body, 'reverse');
      if ('errors' in v) return this.ledgerReply({ status: 400, errors: v.errors }, request.url);
      return this.ledgerReply(this.ledger.reverse((request.params as { id: string }).id, v.amount), request.url);
    }));

    app.get('/v1/payments/:id', async (request, reply) => {
      if (await this.readFault(request, reply)) return undefined;
      const p = this.ledger.get((request.params as { id: string }).id);
      return this.send(reply, p ? { status: 200, body: this.ledger.toJson(p) } : problem(404, 'not-found', 'Resource not found', 'No payment with that paymentId', request.url));
    });
    app.get('/v1/payments', async (request, reply) => {
      if (await this.readFault(request, reply)) return undefined;
      const q = request.query as { orderId?: string; limit?: string };
      const limit = Math.min(100, Math.max(1, Number(q.limit ?? 10) || 10));
      const all = q.orderId ? this.ledger.byOrderId(q.orderId) : [];
      const data = all.slice(0, limit).map((p) => this.ledger.toJson(p));
      return this.send(reply, { status: 200, body: { limit, count: data.length, hasMore: all.length > limit, data, links: [] } });
    });

    app.get('/__sandbox/ledger', async () => ({ holds: this.ledger.holds() }));
    app.get('/__sandbox/requests', async () => ({ requests: this.requests }));
    app.get('/__sandbox/faults', async () => ({ pending: this.faults.pending() }));
    app.post('/__sandbox/faults', async (request, reply) => {
      if (!isFaultsBody.Check(request.body)) {
        return reply.code(400).send({ error: 'expected {"faults":[{"kind":"delay","ms":N}|{"kind":"http_500"}|{"kind":"close_before"}|{"kind":"close_after"}|{"kind":"slow_after","ms":N}], "method"?, "path_prefix"?, "replace"?}' });
      }
      this.faults.add(request.body);
      return { pending: this.faults.pending() };
    });
    app.post('/__sandbox/expire-tokens', async () => {
      this.expireTokens();
      return { ok: true };
    });
    return app;
  }
}

export interface RunningSandbox {
  readonly url: string;
  readonly sandbox: PayrocSandbox;
  close(): Promise<void>;
}

export async function startPayrocSandbox(port = 0, opts: PayrocSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = new PayrocSandbox(opts);
  const app = sandbox.build();
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, sandbox, close: () => app.close() };
}

