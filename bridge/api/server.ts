// Builds the Fastify app: guards, JSON parsing with a 64 KiB limit, validation with two Ajv
// instances (request bodies are never type-coerced: "100" is not an amount), routes and OpenAPI.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';
import { errorHandler } from './errors.js';
import { installGuards } from './guards.js';
import { preauthRoutes } from './routes/preauths.js';
import { queueRoutes } from './routes/queue.js';
import { statusRoutes } from './routes/status.js';
import { systemRoutes } from './routes/system.js';
import { terminalRoutes } from './routes/terminals.js';
import { uiRoutes } from './routes/ui.js';

export const BODY_LIMIT = 64 * 1024;

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

function ajv(coerce: boolean): Ajv {
  const instance = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false });
  addFormats(instance);
  return instance;
}

export async function buildServer(ctx: ApiContext, port: () => number): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  const strict = ajv(false);
  const coercing = ajv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.setErrorHandler(errorHandler(ctx.log));
  app.setNotFoundHandler((request, reply) => reply.code(404).header('content-type', 'application/problem+json; charset=utf-8').send({
    type: 'https://posbridge.local/problems/not_found', title: 'Not found', status: 404, code: 'not_found', detail: `No route ${request.method} ${request.url.split('?')[0]}`,
  }));
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Registered (and awaited) before the guards, whose hook reads the parsed session cookie.
  await app.register(cookie);
  installGuards(app, { store: ctx.store, allowedOrigins: ctx.config.allowed_origins, port });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'posbridge API', version: ctx.version, description: 'Card pre-authorisations for POS software, on localhost.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  preauthRoutes(app, ctx);
  systemRoutes(app, ctx);
  terminalRoutes(app, ctx);
  queueRoutes(app, ctx);
  statusRoutes(app, ctx);
  await uiRoutes(app, ctx);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.addHook('onClose', async () => ctx.sse.closeAll());
  return app;
}
