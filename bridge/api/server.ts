// Builds the Fastify app: connection limits and timeouts, guards, JSON parsing with a 64 KiB limit,
// validation with two Ajv instances (request bodies are never type-coerced: "100" is not an amount),
// routes and OpenAPI. Validators and serializers are compiled on first use (lazy-schemas.ts).
// Every answer is problem+json when it refuses, Fastify's and Node's own refusals included.
import { waitForDiskBeforeReplying } from './synced-replies.js';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';
import { parseTimestamp } from '../core/timestamp.js';
import { canonicalBodyTimes } from './body-times.js';
import { clientErrorHandler } from './client-error.js';
import { guardConnections } from './connection-guard.js';
import { connectionLimits, serverTimeouts, type ConnectionLimits } from './connection-limits.js';
import { errorHandler } from './errors.js';
import { expectationFailed, frameworkErrors, withFrameworkErrors } from './framework-errors.js';
import { authorisedCaller, installGuards } from './guards.js';
import { jsonBodyParser } from './json-body.js';
import { lazySerializerFactory, lazyValidatorCompiler, PendingSchemas } from './lazy-schemas.js';
import { problemOf, sendProblem } from './problem.js';
import { createMetrics } from './metrics/registry.js';
import { dayRoutes } from './routes/day.js';
import { attentionRoutes } from './routes/attention.js';
import { exportRoutes } from './routes/export.js';
import { merchantRoutes } from './routes/merchant.js';
import { metricsRoutes } from './routes/metrics.js';
import { preauthRoutes } from './routes/preauths.js';
import { queueRoutes } from './routes/queue.js';
import { aboutRoutes } from './routes/about.js';
import { reconciliationRoutes } from './routes/reconciliations.js';
import { statusRoutes } from './routes/status.js';
import { systemRoutes } from './routes/system.js';
import { terminalRoutes } from './routes/terminals.js';
import { uiRoutes } from './routes/ui.js';
import { uiSessionRoutes } from './routes/ui-session.js';

export const BODY_LIMIT = 64 * 1024;

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function ajv(coerce: boolean): Ajv {
  const instance = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(instance);
  // ajv-formats takes a leap second (…T23:59:60Z), which Date.parse reads as NaN: only real instants pass.
  instance.addFormat('date-time', { type: 'string', validate: (text: string) => parseTimestamp(text) !== undefined });
  return instance;
}

const pendingByServer = new WeakMap<FastifyInstance, PendingSchemas>();

/** The schemas of a server built here that no request has needed yet (the tests compile them all). */
export function pendingSchemasOf(app: FastifyInstance): PendingSchemas {
  const pending = pendingByServer.get(app);
  if (!pending) throw new Error('not a server from buildServer');
  return pending;
}

export async function buildServer(
  ctx: ApiContext,
  port: () => number,
  limits: ConnectionLimits = connectionLimits(ctx.config.connections),
): Promise<FastifyInstance> {
  const address = { allowedOrigins: ctx.config.allowed_origins, port };
  const pending = new PendingSchemas();
  // Built on the first validator compiled.
  let strict: Ajv | undefined;
  let coercing: Ajv | undefined;
  const app = Fastify({
    ...serverTimeouts(limits),
    bodyLimit: BODY_LIMIT,
    logger: false,
    forceCloseConnections: true,
    // Fastify's own 503 while closing is plain JSON; the guards answer 503 shutting_down instead.
    return503OnClosing: false,
    frameworkErrors: frameworkErrors(address),
    clientErrorHandler: clientErrorHandler(address),
    // Given as factories, not set afterwards, so Fastify does not load its default Ajv compiler at all.
    schemaController: {
      compilersFactory: {
        // Fastify types this factory as its Ajv compiler's; at run time it takes any route compiler.
        buildValidator: (() =>
          lazyValidatorCompiler(pending, ({ schema, httpPart }: { schema: unknown; httpPart?: string }) =>
            (httpPart === 'body' ? (strict ??= ajv(false)) : (coercing ??= ajv(true))).compile(schema as object),
          )) as never,
        buildSerializer: lazySerializerFactory(pending),
      },
    },
  });
  pendingByServer.set(app, pending);
  app.server.on('checkExpectation', expectationFailed(address));
  app.setErrorHandler(withFrameworkErrors(errorHandler(ctx.log)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf('not_found', `No route ${request.method} ${request.url.split('?')[0]}`)),
  );
  // Fastify's text/plain parser would hand the route a string, refused as "must be object": a POS that
  // labels its JSON text/plain is better told 415, send application/json.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) =>
    jsonBodyParser(request, body as Buffer, done),
  );
  app.addHook('preHandler', canonicalBodyTimes);
  waitForDiskBeforeReplying(app, ctx.store, ctx.log);
  const connections = guardConnections(app.server, limits.maxConnections, (r) =>
    ctx.log.warn(r, 'at the connection cap: closed idle connections to let new ones in'),
  );
  installGuards(app, { store: ctx.store, ...address, accepting: ctx.accepting });
  // After the guards, so only for a request they let through: with credentials, its connection is
  // not shed at the cap until it is answered.
  app.addHook('onRequest', async (request, reply) => {
    if (authorisedCaller(request) !== undefined) connections.protect(reply.raw);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'posbridge API',
        version: ctx.version,
        description: 'Card pre-authorisations for POS software, on localhost.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  preauthRoutes(app, ctx);
  exportRoutes(app, ctx);
  attentionRoutes(app, ctx);
  merchantRoutes(app, ctx);
  systemRoutes(app, ctx);
  terminalRoutes(app, ctx);
  dayRoutes(app, ctx);
  queueRoutes(app, ctx);
  reconciliationRoutes(app, ctx);
  statusRoutes(app, ctx);
  aboutRoutes(app, ctx);
  uiSessionRoutes(app, ctx);
  // Built with the server, so its counters count from the daemon's start, not from the first scrape.
  const metrics = createMetrics({
    store: ctx.store,
    breakers: ctx.breakers,
    version: ctx.version,
    startedAt: ctx.store.clock.now(),
  });
  metricsRoutes(app, metrics);
  app.addHook('onClose', async () => metrics.close());
  await uiRoutes(app);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.addHook('onClose', async () => ctx.sse.closeAll());
  return app;
}
