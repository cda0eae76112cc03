// What every provider sandbox shares: a Fastify app that logs API requests, the control endpoints
// (/__sandbox/ledger, /__sandbox/faults, /__sandbox/requests) and the application of scripted faults.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FaultQueue, isFaultsBody, sleep, type Fault } from './faults.js';

export interface SandboxResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LedgerHold {
  readonly id: string;
  /** The merchant-side reference the bridge sent. */
  readonly reference: string;
  /** Minor units of `currency`, whatever the provider's own wire format. */
  readonly amount: number;
  readonly currency: string;
  readonly state: 'pending' | 'authorized' | 'captured' | 'voided' | 'declined';
  readonly captured: number;
  readonly created_at: string;
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly idempotency_key: string | null;
  readonly at: string;
}

export interface SandboxKitOptions {
  readonly now: () => number;
  readonly ledger: () => LedgerHold[];
  /** The provider's own body for an unprocessed 500. */
  readonly serverError: (request: FastifyRequest) => SandboxResponse;
  readonly contentType?: (r: SandboxResponse) => string;
}

/** Random faults for chaos runs: each kind equally likely, at `rate` of API requests. */
const RANDOM_FAULTS: Fault[] = [
  { kind: 'delay', ms: 300 },
  { kind: 'http_500' },
  { kind: 'close_before' },
  { kind: 'close_after' },
  { kind: 'slow_after', ms: 3_000 },
];

export class SandboxKit {
  readonly faults = new FaultQueue();
  readonly requests: RequestRecord[] = [];
  /** Share of API requests that get a random fault (0 = none); set by `posbridge sandbox --fault-rate`. */
  faultRate = 0;

  constructor(private readonly opts: SandboxKitOptions) {}

  app(): FastifyInstance {
    const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/__sandbox')) return;
      const key = request.headers['idempotency-key'];
      this.requests.push({
        method: request.method,
        path: request.url,
        idempotency_key: typeof key === 'string' ? key : null,
        at: new Date(this.opts.now()).toISOString(),
      });
      if (this.requests.length > 100_000) this.requests.splice(0, this.requests.length - 100_000);
    });
    // A cheap sign of life: a daemon restarting beside running sandboxes asks this, not the whole ledger.
    app.get('/__sandbox/ping', async () => ({ ok: true }));
    app.get('/__sandbox/ledger', async () => ({ holds: this.opts.ledger() }));
    app.get('/__sandbox/requests', async () => ({ requests: this.requests }));
    app.get('/__sandbox/faults', async () => ({ pending: this.faults.pending(), fault_rate: this.faultRate }));
    app.post('/__sandbox/fault-rate', async (request, reply) => {
      const rate = (request.body as { rate?: unknown } | undefined)?.rate;
      if (typeof rate !== 'number' || rate < 0 || rate > 1)
        return reply.code(400).send({ error: 'expected {"rate": 0..1}' });
      this.faultRate = rate;
      return { fault_rate: rate };
    });
    app.post('/__sandbox/faults', async (request, reply) => {
      if (!isFaultsBody.Check(request.body)) {
        return reply.code(400).send({
          error:
            'expected {"faults":[{"kind":"delay","ms":N}|{"kind":"http_500"}|{"kind":"close_before"}|{"kind":"close_after"}|{"kind":"slow_after","ms":N}], "method"?, "path_prefix"?, "replace"?}',
        });
      }
      this.faults.add(request.body);
      return { pending: this.faults.pending() };
    });
    return app;
  }

  send(reply: FastifyReply, r: SandboxResponse): void {
    const type = this.opts.contentType?.(r) ?? 'application/json';
    void reply
      .code(r.status)
      .headers({ 'content-type': `${type}; charset=utf-8`, ...(r.headers ?? {}) })
      .send(r.body);
  }

  private destroy(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    request.raw.socket.destroy();
  }

  /**
   * Runs `process` under the next scripted fault for this request: http_500 and close_before → nothing
   * processed; delay → `process` waits when it calls `delay()` (after claiming an idempotency key, so a
   * concurrent repeat sees the request in flight); close_after → processed then dropped; slow_after →
   * processed, answered late.
   */
  async handle(
    request: FastifyRequest,
    reply: FastifyReply,
    process: (delay: () => Promise<void>) => SandboxResponse | Promise<SandboxResponse>,
  ): Promise<void> {
    const fault: Fault | undefined =
      this.faults.take(request.method, request.url) ??
      (this.faultRate > 0 && Math.random() < this.faultRate
        ? RANDOM_FAULTS[Math.floor(Math.random() * RANDOM_FAULTS.length)]
        : undefined);
    if (fault?.kind === 'http_500') return this.send(reply, this.opts.serverError(request));
    if (fault?.kind === 'close_before') return this.destroy(request, reply);
    const delay = async () => {
      if (fault?.kind === 'delay') await sleep(fault.ms);
    };
    const response = await process(delay);
    if (fault?.kind === 'close_after') return this.destroy(request, reply);
    if (fault?.kind === 'slow_after') await sleep(fault.ms);
    return this.send(reply, response);
  }
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listenSandbox(app: FastifyInstance, port: number): Promise<RunningServer> {
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, close: () => app.close() };
}

/** Whole minor units from a provider's major-unit number, for the ledger (exponent from the caller). */
export function toMinor(major: number, exponent: number): number {
  return Math.round(major * 10 ** exponent);
}
