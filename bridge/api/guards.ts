// Request guards that run before any body is read: loopback Host, allowed Origin, then credentials —
// an API key (the POS) or a status-window session token (a person at the PC), both in the Authorization
// header. Nothing is read from cookies: a browser sends a cookie of 127.0.0.1 to every port of it, so a
// cookie would reach any other local server the browser visits. A header credential is never sent by a
// browser on its own, and a page of another origin cannot add one without a CORS preflight the API never
// grants, so no request the browser makes by itself (a link, a form, an image) is authorised.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KeyScope } from '../store/api-keys.js';
import type { Store } from '../store/store.js';
import { SESSION_PREFIX } from '../store/ui-sessions.js';
import { problemOf, sendProblem, type ProblemBody } from './problem.js';
import { isAllowedOrigin, isLoopbackHost } from './security.js';

const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json']);
/** The status window's files and its sign-in: public, they hold no data (the sign-in checks its own token). */
const PUBLIC_PREFIX = '/ui';
/** What a metrics-only key may read: the Prometheus endpoint, nothing that shows or moves money. */
export const METRICS_PATH = '/v1/metrics';
/** How API-key-less actions by the status window are named in the event log (resolve notes). */
export const UI_ACTOR = 'status window';

export interface AddressOptions {
  readonly allowedOrigins: readonly string[];
  readonly port: () => number;
}

export interface GuardOptions extends AddressOptions {
  readonly store: Store;
  /** False while shutting down: every request is answered 503 shutting_down (in place of Fastify's own 503). */
  readonly accepting?: () => boolean;
}

export interface RequestAddress {
  readonly host?: string | undefined;
  readonly origin?: string | undefined;
  /** The request target as sent. An absolute-form one (GET http://name/… HTTP/1.1) names its host
   *  itself, and Fastify routes it like /…: that name must be a loopback one too. */
  readonly target?: string | undefined;
}

/**
 * The Host and Origin checks (DNS rebinding, other sites). Every answer passes them first, framework
 * errors and malformed requests included, so a page of another site learns nothing from this port.
 */
export function addressProblem(
  address: RequestAddress,
  opts: AddressOptions,
  instance?: string,
): ProblemBody | undefined {
  const at = instance !== undefined ? { instance } : {};
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(address.target ?? '')?.[1];
  if (!isLoopbackHost(address.host) || (authority !== undefined && !isLoopbackHost(authority))) {
    return problemOf(
      'forbidden_host',
      'posbridge answers only requests addressed to localhost or a loopback address',
      at,
    );
  }
  if (!isAllowedOrigin(address.origin, opts.allowedOrigins, opts.port())) {
    return problemOf(
      'forbidden_origin',
      `Origin ${address.origin} is not allowed; add it to allowed_origins in the config`,
      at,
    );
  }
  return undefined;
}

export function bearerKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

function isPublic(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path === PUBLIC_PREFIX || path.startsWith(`${PUBLIC_PREFIX}/`);
}

/** The caller's name and scope, or undefined when the request carries no valid credentials. */
function authenticate(request: FastifyRequest, store: Store): { name: string; scope: KeyScope } | undefined {
  const token = bearerKey(request.headers.authorization);
  if (!token) return undefined;
  if (token.startsWith(SESSION_PREFIX))
    return store.uiSessions.verify(token, store.clock.now()) ? { name: UI_ACTOR, scope: 'full' } : undefined;
  return store.apiKeys.verify(token);
}

/** Who sent a request the guards authorised (an API key's name, or the status window); undefined for a public path. */
export function authorisedCaller(request: FastifyRequest): string | undefined {
  return (request as { apiKeyName?: string }).apiKeyName;
}

/** Who sent an authorised request, for the event log. */
export function callerName(request: FastifyRequest): string {
  return authorisedCaller(request) ?? 'unknown';
}

/** Legacy callers send bodyless POSTs: an absent body is validated as {}. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

export function installGuards(app: FastifyInstance, opts: GuardOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    const refused = addressProblem({ ...request.headers, target: request.url }, opts, request.url);
    if (refused) return sendProblem(reply, refused);
    if (opts.accepting && !opts.accepting()) {
      reply.header('connection', 'close');
      return sendProblem(
        reply,
        problemOf('shutting_down', 'posbridge is shutting down; try again in a moment', { instance: request.url }),
      );
    }
    const path = request.url.split('?')[0] ?? '';
    if (isPublic(path)) return;
    const caller = authenticate(request, opts.store);
    if (caller !== undefined && caller.scope === 'metrics' && !(request.method === 'GET' && path === METRICS_PATH)) {
      return sendProblem(
        reply,
        problemOf('insufficient_scope', `The API key "${caller.name}" may only read GET ${METRICS_PATH}`, {
          instance: request.url,
        }),
      );
    }
    if (caller !== undefined) {
      (request as { apiKeyName?: string }).apiKeyName = caller.name;
      return;
    }
    reply.header('www-authenticate', 'Bearer realm="posbridge"');
    return sendProblem(
      reply,
      problemOf(
        'unauthorized',
        'Send Authorization: Bearer <api key>; create one with `posbridge keys create --name NAME`',
        { instance: request.url },
      ),
    );
  });
}
