// GET /v1/status — the one-line status and its problems, for people (the window, the tray) — and
// pause/resume of new payments. The control channel answers the same questions for the tray.
import type { FastifyInstance } from 'fastify';
import { Type } from '../../core/typebox.js';
import type { ApiContext } from '../context.js';
import { callerName, emptyBodyAsObject } from '../guards.js';
import { Problem } from '../schemas.js';
import { statusView } from '../views.js';

const Level = Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('down')]);
export const StatusView = Type.Object({
  level: Level,
  headline: Type.String({
    description: 'One line in plain words: do card payments work now, and if not, what is wrong',
  }),
  advice: Type.String({ description: 'What to do about the headline; empty when all is well' }),
  paused: Type.Boolean(),
  problems: Type.Array(
    Type.Object({
      level: Level,
      code: Type.String({
        description:
          'What kind of trouble, stable for clients that say it in their own language: database_unwritable, integrity_failed, stopping, paused, not_paired, provider_failing, provider_unreachable, terminal_offline, no_terminal_works, no_terminals, unresolved, orphan_holds',
      }),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), {
        description:
          'The facts its words are made of: provider (code), terminal (name), queued, count, direct (cable or network), advice_of (no_terminal_works: the index of the problem whose advice applies)',
      }),
      text: Type.String({ description: 'The problem in English' }),
      advice: Type.String(),
      terminal_id: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  terminals: Type.Object({ total: Type.Integer(), working: Type.Integer() }),
  queued: Type.Integer(),
  unresolved: Type.Integer(),
});

export function statusRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    '/v1/status',
    {
      schema: {
        summary: 'Whether card payments work now, in plain words, and what to do if not',
        response: { 200: StatusView, 401: Problem },
      },
    },
    async () => statusView(ctx),
  );

  const toggle = (path: string, on: boolean, summary: string) =>
    app.post(
      path,
      {
        schema: { summary, response: { 200: StatusView, 401: Problem } },
        preValidation: emptyBodyAsObject,
      },
      async (request) => {
        ctx.intake.setPaused(on, callerName(request));
        return statusView(ctx);
      },
    );
  toggle(
    '/v1/pause',
    true,
    'Stop taking new preauths (503 paused); holds already taken can still be adjusted, captured and voided',
  );
  toggle('/v1/resume', false, 'Take new preauths again');
}
