// The one place that talks HTTP to providers: keep-alive connections, timeouts, bearer tokens.
// Connectors only describe requests; this executes them and reports what came back, or why not.
// undici is loaded on the first request, not at the daemon's start (a third of a second, and memory, for a
// daemon that may not call a provider for hours).
import type { Agent } from 'undici';
import type { Clock } from '../core/clock.js';
import type { ConnectorAuth, HttpReply, HttpRequestSpec } from '../core/connector.js';
import { classifyTransportError, type TransportFailure } from './transport-errors.js';

export interface ExecutorOptions {
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
}

export type Exchange =
  | { readonly kind: 'reply'; readonly reply: HttpReply; readonly sent: HttpRequestSpec }
  | { readonly kind: 'failed'; readonly failure: TransportFailure; readonly sent: HttpRequestSpec };

/** Renew a token this long before the provider says it expires. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;

let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => (undici ??= import('undici'));

/** Loads the HTTP client ahead of the first request (the daemon does, a few seconds after it starts). */
export function preloadHttpClient(): Promise<void> {
  return loadUndici().then(
    () => undefined,
    () => undefined, // the first request reports the failure, as not sent
  );
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

export class HttpExecutor {
  private agent: Agent | undefined;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inflightTokens = new Map<string, Promise<string>>();

  /**
   * `observe` hears about every exchange: an answer below 500 is `ok`; a failure before sending is
   * `unreachable`; a 5xx, a connection closed before the answer or a timeout after sending is `failed`
   * (the provider is there, but it does not work).
   */
  constructor(
    private readonly opts: ExecutorOptions,
    private readonly clock: Clock,
    private readonly observe: (seen: 'ok' | 'unreachable' | 'failed', error: string | null) => void = () => {},
  ) {}

  /** Sends one request, with a bearer token from `auth` when the spec asks for one. */
  async execute(spec: HttpRequestSpec, auth: ConnectorAuth | undefined, signal?: AbortSignal): Promise<Exchange> {
    let withAuth: HttpRequestSpec;
    try {
      withAuth = await this.authorize(auth, spec, false);
    } catch (err) {
      // The token could not be had: the payment request itself never left.
      return { kind: 'failed', failure: { ...classifyTransportError(err), notSent: true }, sent: spec };
    }
    let exchange = await this.raw(withAuth, signal);
    if (exchange.kind === 'reply' && exchange.reply.status === 401 && spec.auth === 'bearer' && auth) {
      // A 401 was not processed: renew the token once and send again.
      try {
        withAuth = await this.authorize(auth, spec, true);
      } catch (err) {
        return { kind: 'failed', failure: { ...classifyTransportError(err), notSent: true }, sent: spec };
      }
      exchange = await this.raw(withAuth, signal);
    }
    return exchange;
  }

  private async authorize(
    auth: ConnectorAuth | undefined,
    spec: HttpRequestSpec,
    renew: boolean,
  ): Promise<HttpRequestSpec> {
    if (spec.auth !== 'bearer') return spec;
    if (!auth) throw new Error('this request needs credentials the terminal does not have (is it paired?)');
    const token = await this.token(auth, renew);
    return { ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } };
  }

  private async token(auth: ConnectorAuth, renew: boolean): Promise<string> {
    const cached = this.tokens.get(auth.cacheKey);
    if (!renew && cached && this.clock.now() < cached.expiresAt - TOKEN_RENEW_MARGIN_MS) return cached.token;
    if (renew) this.tokens.delete(auth.cacheKey);
    // Lanes running side by side share one token request rather than each fetching their own.
    let pending = this.inflightTokens.get(auth.cacheKey);
    if (!pending) {
      pending = (async () => {
        const ex = await this.raw(auth.tokenRequest());
        if (ex.kind === 'failed') throw new Error(ex.failure.reason, { cause: ex.failure });
        const grant = auth.parseToken(ex.reply);
        this.tokens.set(auth.cacheKey, { token: grant.accessToken, expiresAt: this.clock.now() + grant.expiresInMs });
        return grant.accessToken;
      })().finally(() => this.inflightTokens.delete(auth.cacheKey));
      this.inflightTokens.set(auth.cacheKey, pending);
    }
    return pending;
  }

  private async raw(spec: HttpRequestSpec, signal?: AbortSignal): Promise<Exchange> {
    let request: (typeof import('undici'))['request'];
    try {
      const http = await loadUndici();
      request = http.request;
      this.agent ??= new http.Agent({
        connect: { timeout: this.opts.connectTimeoutMs },
        headersTimeout: this.opts.timeoutMs,
        bodyTimeout: this.opts.timeoutMs,
        keepAliveTimeout: 4_000,
      });
    } catch (err) {
      // Nothing was sent; it says nothing about the provider either.
      return { kind: 'failed', failure: { ...classifyTransportError(err), notSent: true }, sent: spec };
    }
    try {
      const form = spec.form ? new URLSearchParams(spec.form).toString() : undefined;
      const res = await request(spec.url, {
        method: spec.method,
        headers:
          form !== undefined ? { ...spec.headers, 'content-type': 'application/x-www-form-urlencoded' } : spec.headers,
        body: form ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body)),
        dispatcher: this.agent,
        signal,
      });
      const text = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (typeof v === 'string') headers[k.toLowerCase()] = v;
        else if (Array.isArray(v)) headers[k.toLowerCase()] = v.join(', ');
      }
      let body: unknown = text;
      if (text.length > 0 && /json/i.test(headers['content-type'] ?? '')) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      } else if (text.length === 0) {
        body = undefined;
      }
      if (res.statusCode < 500) this.observe('ok', null);
      else this.observe('failed', `answered HTTP ${res.statusCode}`);
      return { kind: 'reply', reply: { status: res.statusCode, headers, body }, sent: spec };
    } catch (err) {
      const failure = classifyTransportError(err);
      // Only a failure before sending says the provider is unreachable (the breaker counts it); one after
      // sending (closed before the answer, timed out) says it is there but not working.
      // (A request this PC called off, at shutdown, says nothing about the provider.)
      if (failure.notSent) this.observe('unreachable', failure.reason);
      else if (!signal?.aborted) this.observe('failed', failure.reason);
      return { kind: 'failed', failure, sent: spec };
    }
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }
}
