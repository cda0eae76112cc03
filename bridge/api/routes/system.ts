// Terminals, health, the event stream and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiContext } from '../context.js';
import { pairTerminal } from '../../engine/pairing.js';
import { HealthView, IdParams, Problem, TerminalView } from '../schemas.js';

export function systemRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/terminals', {
    schema: { summary: 'Configured terminals with their state', response: { 200: Type.Object({ data: Type.Array(TerminalView) }), 401: Problem } },
  }, async () => {
    const depth = ctx.store.operations.depthByTerminal();
    const data = [];
    for (const t of ctx.store.terminals.list()) {
      if (!t.enabled) continue;
      const runtime = ctx.engine.provider(t.provider);
      const reach = ctx.breakers.view(t.provider);
      const q = depth.get(t.id);
      const settings = JSON.parse(t.settings_json) as Record<string, unknown>;
      const remoteList = runtime ? await ctx.remoteTerminals.of(t.provider, runtime) : undefined;
      const remoteId = runtime?.connector.terminals?.().idOf(settings);
      const found = remoteId ? remoteList?.terminals?.get(remoteId) : undefined;
      const remote = remoteList
        ? { state: found?.state ?? (remoteList.error ? 'UNKNOWN' : 'NOT_LISTED'), connected: found ? found.connected : null, last_connected_at: found?.lastConnectedAt ?? null, error: remoteList.error ?? null }
        : null;
      // A directly connected terminal (ZVT) is offline when its connection failed and has not come back.
      const link = runtime?.direct?.state(t.id);
      const offline = reach.state !== 'closed' || remote?.connected === false || (link !== undefined && !link.online && link.lastError !== null);
      const needsPairing = Boolean(runtime?.connector.pairing) && !ctx.engine.credentials(t.id);
      data.push({
        id: t.id,
        name: t.name,
        provider: t.provider,
        currency: t.currency,
        state: needsPairing ? 'needs_pairing' : offline ? 'offline' : q && q.running > 0 ? 'busy' : 'ready',
        paired: runtime?.connector.pairing ? !needsPairing : null,
        queue_depth: q?.queued ?? 0,
        last_seen_at: t.last_seen_at,
        provider_reachability: { reachable: reach.reachable, state: reach.state, last_error: reach.last_error, open_until: reach.open_until },
        remote,
        link: link ? { online: link.online, busy: link.busy, last_error: link.lastError, last_seen_at: link.lastSeenAt === null ? null : new Date(link.lastSeenAt).toISOString(), path: link.path ?? null } : null,
        capabilities: { ...(runtime?.connector.capabilities ?? {}) },
      });
    }
    return { data };
  });

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
    let database = { ok: true, detail: 'ok' };
    try {
      ctx.store.db.prepare('SELECT 1').get();
      const fault = ctx.store.storageFault;
      if (fault) database = { ok: false, detail: `the last write failed (${fault.code}: ${fault.message}) at ${fault.at}; new work is refused until writes succeed again` };
    } catch (err) {
      database = { ok: false, detail: (err as Error).message };
    }
    const providers: Record<string, ReturnType<ApiContext['breakers']['view']>> = {};
    for (const name of Object.keys(ctx.config.providers)) providers[name] = ctx.breakers.view(name);
    const anyDown = Object.values(providers).some((p) => p.state !== 'closed');
    const status = !database.ok || !ctx.accepting() ? 'down' : anyDown ? 'degraded' : 'ok';
    return reply.code(status === 'down' ? 503 : 200).send({
      status,
      version: ctx.version,
      database,
      queue_depth: database.ok ? ctx.store.operations.queueDepth() : 0,
      providers,
    });
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
