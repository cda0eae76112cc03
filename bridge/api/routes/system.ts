// Terminals, health, the event stream and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { pairTerminal } from '../../engine/pairing.js';
import { problemOf, sendProblem } from '../problem.js';
import { HealthView, IdParams, Problem, TerminalView } from '../schemas.js';
import { healthView, terminalViews } from '../views.js';

export function systemRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/terminals',
    {
      schema: {
        summary: 'Configured terminals with their state',
        response: { 200: Type.Object({ data: Type.Array(TerminalView) }), 401: Problem },
      },
    },
    async () => ({ data: await terminalViews(ctx) }),
  );

  app.post(
    '/v1/terminals/:id/pair',
    {
      schema: {
        summary: 'Pair a terminal with the one-time password it shows (Lab4Pay)',
        description:
          'The credentials the provider returns are sealed at once and never shown, logged or returned. Pairing again replaces them.',
        params: IdParams,
        body: Type.Object(
          {
            otp: Type.String({ minLength: 4, maxLength: 32 }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            terminal_id: Type.String(),
            paired: Type.Boolean(),
            provider_terminal_id: Type.Union([Type.String(), Type.Null()]),
            pay_connect_id: Type.Union([Type.String(), Type.Null()]),
          }),
          400: Problem,
          401: Problem,
          404: Problem,
          422: Problem,
          503: Problem,
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { otp, name } = request.body as { otp: string; name?: string };
      return pairTerminal(ctx.store, ctx.engine, ctx.secrets, id, otp, name);
    },
  );

  app.get(
    '/v1/health',
    {
      schema: {
        summary: 'Whether posbridge can take payments (no API key needed)',
        response: { 200: HealthView, 503: HealthView },
      },
    },
    async (_request, reply) => {
      const health = healthView(ctx);
      return reply.code(health.status === 'down' ? 503 : 200).send(health);
    },
  );

  app.get(
    '/v1/events',
    {
      schema: {
        summary: 'Server-sent events of every state change (resume with Last-Event-ID or ?since=)',
        description:
          'At most event_stream.max_streams streams are open at once; one more is refused with 503 too_many_streams and Retry-After. A client that does not read what is sent is disconnected and may resume with Last-Event-ID.',
        querystring: Type.Object({ since: Type.Optional(Type.Integer({ minimum: 0 })) }),
        response: { 401: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
      const since = fromHeader ?? (request.query as { since?: number }).since ?? ctx.store.events.lastSeq();
      if (ctx.sse.open(request, reply, since)) return;
      const { max_streams: most, retry_after_s: retryAfter } = ctx.sse.limits;
      return sendProblem(
        reply.header('retry-after', String(retryAfter)),
        problemOf(
          'too_many_streams',
          `${most} event streams are open, the most allowed; try again in ${retryAfter} s`,
          { instance: request.url },
        ),
      );
    },
  );
}
