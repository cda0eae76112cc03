// End of day: a day's summary per terminal and currency, the holds still open after too long, and a ZVT
// terminal's End-of-Day (06 50) with its totals compared to posbridge's own bookings.
import type { FastifyInstance } from 'fastify';
import { BridgeError } from '../../core/errors.js';
import { Type } from '../../core/typebox.js';
import { dayBounds, isDay, isTimeZone, localTimeZone } from '../../core/day.js';
import { BUCKETS, summarise } from '../../day/summary.js';
import type { EndOfDayRunRow } from '../../store/end-of-day-runs.js';
import { dayRepos } from '../../store/day-repos.js';
import type { ApiContext } from '../context.js';
import { callerName, emptyBodyAsObject } from '../guards.js';
import { IdParams, Problem } from '../schemas.js';

const Figure = Type.Object({ count: Type.Integer(), amount: Type.Integer({ description: 'minor units' }) });
const SummaryLine = Type.Object({
  terminal_id: Type.String(),
  currency: Type.String(),
  ...Object.fromEntries(BUCKETS.map((b) => [b, Figure])),
});
const OpenHold = Type.Object({
  id: Type.String(),
  terminal_id: Type.String(),
  reference: Type.String(),
  currency: Type.String(),
  amount_authorized: Type.Union([Type.Integer(), Type.Null()]),
  card_masked_pan: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.Union([Type.String(), Type.Null()]),
});
const OpenHolds = Type.Object({ older_than_hours: Type.Integer(), data: Type.Array(OpenHold) });
const Difference = Type.Object({
  kind: Type.String(),
  currency: Type.String(),
  ours: Type.Union([Type.Integer(), Type.Null()]),
  theirs: Type.Union([Type.Integer(), Type.Null()]),
});
const CardTotal = Type.Object({ card: Type.String(), count: Type.Integer(), amount: Type.Integer() });
const Run = Type.Object({
  id: Type.Integer(),
  terminal_id: Type.String(),
  started_at: Type.String(),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String({ description: 'running, closed, failed, or unknown (taken on, never finished)' }),
  result_code: Type.Union([Type.Integer(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  currency: Type.Union([Type.String(), Type.Null()]),
  total_amount: Type.Union([Type.Integer(), Type.Null()]),
  total_count: Type.Union([Type.Integer(), Type.Null()]),
  trace: Type.Union([Type.String(), Type.Null()]),
  receipt_from: Type.Union([Type.String(), Type.Null()]),
  receipt_to: Type.Union([Type.String(), Type.Null()]),
  cards: Type.Array(CardTotal),
  receipt: Type.Array(Type.String()),
  compared_since: Type.Union([Type.String(), Type.Null()]),
  ours: Type.Array(Type.Object({ currency: Type.String(), count: Type.Integer(), amount: Type.Integer() })),
  differences: Type.Array(Difference),
  requested_by: Type.Union([Type.String(), Type.Null()]),
});
const OlderThan = Type.Optional(
  Type.Integer({
    minimum: 0,
    maximum: 24 * 366,
    description: 'List holds open longer than this (0: every open hold); default end_of_day.old_hold_hours',
  }),
);
const Tz = Type.Optional(
  Type.String({ minLength: 1, maxLength: 64, description: "The store's time zone (IANA name); default the PC's" }),
);

export function runView(r: EndOfDayRunRow) {
  return {
    id: r.id,
    terminal_id: r.terminal_id,
    started_at: r.started_at,
    finished_at: r.finished_at,
    outcome: r.outcome,
    result_code: r.result_code,
    message: r.message,
    currency: r.currency,
    total_amount: r.total_amount,
    total_count: r.total_count,
    trace: r.trace,
    receipt_from: r.receipt_from,
    receipt_to: r.receipt_to,
    cards: JSON.parse(r.totals_json) as unknown[],
    receipt: r.receipt_text ? r.receipt_text.split('\n') : [],
    compared_since: r.compared_since,
    ours: r.ours_json ? (JSON.parse(r.ours_json) as unknown[]) : [],
    differences: JSON.parse(r.differences_json) as unknown[],
    requested_by: r.requested_by,
  };
}

function timeZone(tz: string | undefined): string {
  if (tz === undefined) return localTimeZone();
  if (!isTimeZone(tz))
    throw new BridgeError('validation_failed', `tz must be an IANA time zone such as Europe/Berlin, not "${tz}"`, [
      { field: 'tz', message: 'unknown time zone' },
    ]);
  return tz;
}

export function dayRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const openHolds = (hours: number) => {
    const before = new Date(ctx.store.clock.now() - hours * 3_600_000).toISOString();
    return { older_than_hours: hours, data: dayRepos(ctx.store).day.openHolds(before) };
  };
  const zvtRuns = () =>
    ctx.store.terminals
      .list()
      .filter((t) => t.enabled && ctx.engine.channel(t.provider)?.endOfDay !== undefined)
      .map((t) => ({ terminal_id: t.id, last: dayRepos(ctx.store).runs.list(t.id, 1).map(runView)[0] ?? null }));

  app.get(
    '/v1/days/:day',
    {
      schema: {
        summary: "A day's summary per terminal and currency, the holds open too long, each terminal's last end of day",
        description:
          'day is YYYY-MM-DD in the time zone tz. Buckets: authorised, still_open, declined and in_doubt count the preauths asked for that day; captured and released count the captures and voids that succeeded that day. Amounts in minor units.',
        params: Type.Object({ day: Type.String({ maxLength: 10 }) }),
        querystring: Type.Object({ tz: Tz, older_than_hours: OlderThan }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            day: Type.String(),
            tz: Type.String(),
            from: Type.String(),
            to: Type.String(),
            lines: Type.Array(SummaryLine),
            old_open_holds: OpenHolds,
            end_of_day: Type.Array(Type.Object({ terminal_id: Type.String(), last: Type.Union([Run, Type.Null()]) })),
          }),
          400: Problem,
          401: Problem,
        },
      },
    },
    async (request) => {
      const { day } = request.params as { day: string };
      const query = request.query as { tz?: string; older_than_hours?: number };
      const tz = timeZone(query.tz);
      if (!isDay(day))
        throw new BridgeError('validation_failed', `day must be a date written YYYY-MM-DD, not "${day}"`, [
          { field: 'day', message: 'not a calendar date' },
        ]);
      const { from, to } = dayBounds(day, tz);
      const reads = dayRepos(ctx.store).day;
      const lines = summarise(reads.created(from, to), reads.settled(from, to)).map((l) => ({
        terminal_id: l.terminal_id,
        currency: l.currency,
        ...l.buckets,
      }));
      return {
        day,
        tz,
        from,
        to,
        lines,
        old_open_holds: openHolds(query.older_than_hours ?? ctx.config.end_of_day.old_hold_hours),
        end_of_day: zvtRuns(),
      };
    },
  );

  app.get(
    '/v1/holds/open',
    {
      schema: {
        summary: 'Holds still open (authorised, not captured, voided or expired) asked for more than N hours ago',
        querystring: Type.Object(
          {
            older_than_hours: OlderThan,
          },
          { additionalProperties: false },
        ),
        response: { 200: OpenHolds, 400: Problem, 401: Problem },
      },
    },
    async (request) =>
      openHolds(
        (request.query as { older_than_hours?: number }).older_than_hours ?? ctx.config.end_of_day.old_hold_hours,
      ),
  );

  app.get(
    '/v1/terminals/:id/end-of-day',
    {
      schema: {
        summary: "A ZVT terminal's end-of-day runs, newest first",
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(Run) }), 401: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      if (!ctx.store.terminals.get(id)) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
      return { data: dayRepos(ctx.store).runs.list(id).map(runView) };
    },
  );

  app.post(
    '/v1/terminals/:id/end-of-day',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        summary: "Run a ZVT terminal's End-of-Day (06 50): its totals, its receipt, and their comparison",
        description:
          'Answers when the terminal has finished (up to T4, 180 s). outcome closed, failed, or unknown (the terminal took it on and went silent: whether the day went to the host is not known). Refused with 422 operation_not_supported for cloud terminals and 409 terminal_busy while the terminal runs a command.',
        params: IdParams,
        querystring: Type.Object({ tz: Tz }, { additionalProperties: false }),
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: Run, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const tz = timeZone((request.query as { tz?: string }).tz);
      const t = ctx.store.terminals.get(id);
      if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
      const channel = ctx.engine.channel(t.provider);
      if (!channel?.endOfDay)
        throw new BridgeError(
          'operation_not_supported',
          `${id} is a ${t.provider} terminal; the end-of-day command (06 50) is for ZVT terminals`,
        );
      const { runId } = await channel.endOfDay({ terminalId: id, timeZone: tz, requestedBy: callerName(request) });
      return runView(dayRepos(ctx.store).runs.get(runId)!);
    },
  );
}
