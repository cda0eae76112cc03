// POST /v1/reconciliations runs a reconciliation of one day against the cloud providers' own records;
// GET /v1/reconciliations?day= lists the day's runs with what each provider's check found and every
// difference. A difference is shown and raised as an event; no transaction is ever changed because of one.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BridgeError } from '../../core/errors.js';
import { Type, type Static } from '../../core/typebox.js';
import { DIFFERENCE_KINDS } from '../../engine/reconcile/compare.js';
import { isDay, isTimeZone } from '../../core/day.js';
import { Reconciler } from '../../engine/reconcile/run.js';
import { ReconciliationRepo, type RunRecord } from '../../store/reconciliations.js';
import type { ApiContext } from '../context.js';
import { callerName } from '../guards.js';
import { Problem } from '../schemas.js';

const Side = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

const RunView = Type.Object({
  id: Type.String(),
  day: Type.String({ description: 'The calendar day compared, YYYY-MM-DD' }),
  tz: Type.String({ description: 'The IANA time zone that made the day' }),
  from: Type.String({ description: "The day's first instant (inclusive)" }),
  to: Type.String({ description: "The next day's first instant (exclusive)" }),
  provider: Type.Union([Type.String(), Type.Null()], { description: 'The one provider asked for, or null: all' }),
  requested_by: Type.Union([Type.String(), Type.Null()]),
  started_at: Type.String(),
  finished_at: Type.String(),
  sources: Type.Array(
    Type.Object({
      source: Type.String({ description: 'The provider' }),
      status: Type.Union(
        ['checked', 'differences', 'could_not_check', 'no_records'].map((s) => Type.Literal(s)),
        {
          description:
            'checked: every payment compared, no difference; differences: some found; could_not_check: the records could not be read (or not all payments), never to be taken as "no differences"; no_records: the provider offers none',
        },
      ),
      payments: Type.Integer({ description: 'Our payments of the day on this provider' }),
      checked: Type.Integer({ description: "How many of them were compared with the provider's records" }),
      differences: Type.Integer(),
      why: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  differences: Type.Array(
    Type.Object({
      source: Type.String(),
      kind: Type.Union(DIFFERENCE_KINDS.map((k) => Type.Literal(k))),
      field: Type.Union([Type.Literal('authorized'), Type.Literal('captured'), Type.Null()]),
      transaction_id: Type.Union([Type.String(), Type.Null()]),
      provider_ref: Type.Union([Type.String(), Type.Null()]),
      ours: Side,
      theirs: Side,
    }),
  ),
});

const RunBody = Type.Object(
  {
    day: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
    tz: Type.Optional(
      Type.String({ maxLength: 64, description: "IANA time zone; default reconciliation.time_zone, else this PC's" }),
    ),
    provider: Type.Optional(
      Type.String({ maxLength: 32, description: 'Only this provider; default: every cloud provider with terminals' }),
    ),
  },
  { additionalProperties: false },
);

const DayQuery = Type.Object({ day: Type.String({ maxLength: 10 }) }, { additionalProperties: false });

function present(run: RunRecord) {
  return {
    id: run.id,
    day: run.day,
    tz: run.timeZone,
    from: run.from,
    to: run.to,
    provider: run.provider,
    requested_by: run.requestedBy,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    sources: run.sources.map((s) => ({
      source: s.provider,
      status: s.status,
      payments: s.payments,
      checked: s.checked,
      differences: s.differences,
      why: s.why,
    })),
    differences: run.differences.map((d) => ({
      source: d.provider,
      kind: d.kind,
      field: d.field,
      transaction_id: d.transactionId,
      provider_ref: d.providerRef,
      ours: d.ours,
      theirs: d.theirs,
    })),
  };
}

function checkDay(day: string, field: string): void {
  if (!isDay(day))
    throw new BridgeError('validation_failed', 'day must be a calendar day written YYYY-MM-DD', [
      { field, message: 'not a calendar day YYYY-MM-DD' },
    ]);
}

export function reconciliationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const repo = new ReconciliationRepo(ctx.store.db);
  const cfg = ctx.config.reconciliation;
  const reconciler = new Reconciler({
    store: ctx.store,
    repo,
    newId: randomUUID,
    channel: (p) => ctx.engine.channel(p),
    credentials: (id) => ctx.engine.credentials(id),
    limits: {
      budgetMs: cfg.provider_budget_ms,
      pauseMs: cfg.pause_ms,
      maxRequests: cfg.max_requests,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      stop: ctx.shutdown,
    },
  });
  const defaultZone = () => cfg.time_zone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  app.post(
    '/v1/reconciliations',
    {
      schema: {
        summary: "Compare one day's payments with each cloud provider's own records",
        description:
          'Runs one provider after another and answers when all are read. Each difference is recorded and raised as reconciliation.difference; the run as reconciliation.finished. Nothing is changed on either side.',
        body: RunBody,
        response: { 201: RunView, 400: Problem, 401: Problem, 409: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const body = request.body as Static<typeof RunBody>;
      checkDay(body.day, 'body:day');
      const tz = body.tz ?? defaultZone();
      if (!isTimeZone(tz))
        throw new BridgeError('validation_failed', `${tz} is not an IANA time zone (such as Europe/Berlin)`, [
          { field: 'body:tz', message: 'not an IANA time zone' },
        ]);
      if (body.provider !== undefined && !reconciler.providers().includes(body.provider))
        throw new BridgeError('validation_failed', `${body.provider} is not a cloud provider with terminals here`, [
          { field: 'body:provider', message: `one of: ${reconciler.providers().join(', ') || '(none)'}` },
        ]);
      const run = await reconciler.run({
        day: body.day,
        timeZone: tz,
        ...(body.provider !== undefined ? { provider: body.provider } : {}),
        requestedBy: callerName(request),
      });
      return reply.code(201).send(present(run));
    },
  );

  app.get(
    '/v1/reconciliations',
    {
      schema: {
        summary: "A day's reconciliation runs, newest first, with their differences",
        querystring: DayQuery,
        response: {
          200: Type.Object({ day: Type.String(), providers: Type.Array(Type.String()), runs: Type.Array(RunView) }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request) => {
      const { day } = request.query as Static<typeof DayQuery>;
      checkDay(day, 'querystring:day');
      return { day, providers: reconciler.providers(), runs: repo.forDay(day).map(present) };
    },
  );
}
