// Terminals, health, the event stream and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiContext } from '../context.js';
import { pairTerminal } from '../../engine/pairing.js';
import { HealthView, IdParams, Problem, TerminalView } from '../schemas.js';
import { healthView, terminalViews } from '../views.js';

export function systemRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/terminals', {
    schema: { summary: 'Configured terminals with their state', response: { 200: Type.Object({ data: Type.Array(TerminalView) }), 401: Problem } },
  }, async () => ({ data: await terminalViews(ctx) }));

  app.post('/v1/terminals/:id/pair', {
    schema: {
      summary: 'Pair a terminal with the one-time password it shows (Lab4Pay)',
      description: 'The credentials the provider returns are sealed at once and never shown, logged or returned. Pairing again replaces them.',
      params: IdParams,
      body: Type.Object({ otp: Type.String({ minLength: 4, maxLength: 32 }), name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ terminal_id: Type.String(), paired: Type.Boolean(), provider_terminal_id: Type.Union([Type.String(), Type.Null()]), pay_connect_id: Type.Union([Type.String(), Type.Null()]) }),
        400: Problem, 401: Problem, 404: Problem, 422: Problem, 503: Problem,
      },
    },
  }, async (request) => {
    const { id } = request.params as { id: string };
    const { otp, name } = request.body as { otp: string; name?: string };
    return pairTerminal(ctx.store, ctx.engine, ctx.secrets, id, otp, name);
  });

  app.get('/v1/health', {
    schema: { summary: 'Whether posbridge can take payments (no API key needed)', response: { 200: HealthView, 503: HealthView } },
  }, async (_request, reply) => {
    const health = healthView(ctx);
    return reply.code(health.status === 'down' ? 503 : 200).send(health);
  });

  app.get('/v1/events', {
    schema: {
      summary: 'Server-sent events of every state change (resume with Last-Event-ID or ?since=)',
      querystring: Type.Object({ since: Type.Optional(Type.Integer({ minimum: 0 })) }),
    },
  }, async (request, reply) => {
    const header = request.headers['last-event-id'];
    const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
    const since = fromHeader ?? (request.query as { since?: number }).since ?? ctx.store.events.lastSeq();
    ctx.sse.open(request, reply, since);
  });
}
