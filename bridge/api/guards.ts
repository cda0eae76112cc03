// Request guards that run before any body is read: loopback Host, allowed Origin, API key.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import { problemOf, sendProblem } from './problem.js';
import { isAllowedOrigin, isLoopbackHost } from './security.js';

const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json']);

export interface GuardOptions {
  readonly store: Store;
  readonly allowedOrigins: readonly string[];
  readonly port: () => number;
}

export function bearerKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

export function installGuards(app: FastifyInstance, opts: GuardOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopbackHost(request.headers.host)) {
      return sendProblem(reply, problemOf('forbidden_host', 'posbridge answers only requests addressed to localhost or a loopback address', { instance: request.url }));
    }
    if (!isAllowedOrigin(request.headers.origin, opts.allowedOrigins, opts.port())) {
      return sendProblem(reply, problemOf('forbidden_origin', `Origin ${request.headers.origin} is not allowed; add it to allowed_origins in the config`, { instance: request.url }));
    }
    const path = request.url.split('?')[0] ?? '';
    if (PUBLIC_PATHS.has(path)) return;
    const key = bearerKey(request.headers.authorization);
    const found = key ? opts.store.apiKeys.verify(key) : undefined;
    if (found) (request as { apiKeyName?: string }).apiKeyName = found.name;
    if (!found) {
      reply.header('www-authenticate', 'Bearer realm="posbridge"');
      return sendProblem(reply, problemOf('unauthorized', 'Send Authorization: Bearer <api key>; create one with `posbridge keys create --name NAME`', { instance: request.url }));
    }
  });
}
