// When the database cannot be opened or fails its integrity check, posbridge still starts: it answers
// health with the reason and refuses every other request with 503 storage_unavailable. A service
// manager restarting a crashing daemon would only hide the problem; this way the tray and the POS see it.
import Fastify from 'fastify';
import { guardConnections } from './api/connection-guard.js';
import { serverTimeouts, type ConnectionLimits } from './api/connection-limits.js';
import { listenLoopback } from './api/listen.js';
import { problemOf } from './api/problem.js';
import { isLoopbackHost } from './api/security.js';
import type { Logger } from './logging.js';
import { packageVersion } from './version.js';

export interface DegradedDaemon {
  readonly url: string;
  readonly reason: string;
  stop(): Promise<void>;
}

export async function startDegraded(
  port: number,
  reason: string,
  log: Logger,
  limits: ConnectionLimits,
): Promise<DegradedDaemon> {
  const app = Fastify({ ...serverTimeouts(limits), logger: false, forceCloseConnections: true });
  // Health is all it answers, and it must answer it through a flood as the full daemon does.
  guardConnections(app.server, limits.maxConnections, (r) =>
    log.warn(r, 'at the connection cap: closed idle connections to let new ones in'),
  );
  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopbackHost(request.headers.host)) {
      return reply
        .code(403)
        .header('content-type', 'application/problem+json')
        .send(problemOf('forbidden_host', 'posbridge answers only requests addressed to localhost'));
    }
  });
  app.get('/v1/health', async (_request, reply) =>
    reply.code(503).send({
      status: 'down',
      version: packageVersion(),
      database: { ok: false, detail: reason },
      queue_depth: 0,
      providers: {},
      reason: `the database: ${reason}`,
    }),
  );
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(503)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(
        problemOf('storage_unavailable', `posbridge cannot use its database, so it takes no work: ${reason}`, {
          instance: request.url,
        }),
      ),
  );
  const bound = await listenLoopback(app, port, log);
  log.error({ reason }, 'running degraded: the database cannot be used');
  return {
    url: `http://127.0.0.1:${bound.port}`,
    reason,
    stop: async () => {
      const v6 = bound.close();
      await app.close();
      await v6;
    },
  };
}
