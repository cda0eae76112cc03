// What the daemon reports about itself: terminals with their state, health, and the one-line status
// (shared by GET /v1/status, the status window and the tray's control channel).
import type { ApiContext } from './context.js';
import { summarise, type StatusSummary, type TerminalFacts } from './status-line.js';

export async function terminalViews(ctx: ApiContext) {
  const depth = ctx.store.operations.depthByTerminal();
  const data = [];
  for (const t of ctx.store.terminals.list()) {
    if (!t.enabled) continue;
    const channel = ctx.engine.channel(t.provider);
    const facts = channel?.facts;
    const reach = ctx.breakers.view(t.provider);
    const q = depth.get(t.id);
    const settings = facts?.terminalSettings.check(t.id, t.settings_json);
    const remoteList = channel ? await ctx.remoteTerminals.of(t.provider, channel) : undefined;
    const remoteId = settings?.ok ? facts?.terminals?.().idOf(settings.settings) : undefined;
    const found = remoteId ? remoteList?.terminals?.get(remoteId) : undefined;
    const remote = remoteList
      ? {
          state: found?.state ?? (remoteList.error ? 'UNKNOWN' : 'NOT_LISTED'),
          connected: found ? found.connected : null,
          last_connected_at: found?.lastConnectedAt ?? null,
          error: remoteList.error ?? null,
        }
      : null;
    // A terminal with its own link (ZVT) is offline when its connection failed and has not come back.
    const link = channel?.link?.(t.id);
    const offline =
      reach.state !== 'closed' ||
      remote?.connected === false ||
      (link !== undefined && !link.online && link.lastError !== null);
    const needsPairing = Boolean(facts?.pairing) && !ctx.engine.credentials(t.id);
    // Reached, but its requests get no usable answer: not ready, even though payments still go out.
    const failing = !offline && reach.failing && link === undefined;
    data.push({
      id: t.id,
      name: t.name,
      provider: t.provider,
      currency: t.currency,
      state: needsPairing
        ? 'needs_pairing'
        : offline
          ? 'offline'
          : failing
            ? 'failing'
            : q && q.running > 0
              ? 'busy'
              : 'ready',
      paired: facts?.pairing ? !needsPairing : null,
      queue_depth: q?.queued ?? 0,
      last_seen_at: t.last_seen_at,
      last_payment: lastPayment(ctx, t.id),
      provider_reachability: {
        reachable: reach.reachable,
        state: reach.state,
        last_error: reach.last_error,
        open_until: reach.open_until,
        failing: reach.failing,
      },
      remote,
      link: link
        ? {
            online: link.online,
            busy: link.busy,
            last_error: link.lastError,
            last_seen_at: link.lastSeenAt === null ? null : new Date(link.lastSeenAt).toISOString(),
            path: link.path ?? null,
          }
        : null,
      capabilities: { ...(facts?.capabilities ?? {}) },
    });
  }
  return data;
}

export type TerminalJson = Awaited<ReturnType<typeof terminalViews>>[number];

export function healthView(ctx: ApiContext) {
  let database = { ok: true, detail: 'ok' };
  try {
    ctx.store.db.prepare('SELECT 1').get();
    const fault = ctx.store.storageFault;
    if (fault)
      database = {
        ok: false,
        detail: `the last write failed (${fault.code}: ${fault.message}) at ${fault.at}; new work is refused until writes succeed again`,
      };
  } catch (err) {
    database = { ok: false, detail: (err as Error).message };
  }
  const providers: Record<string, ReturnType<ApiContext['breakers']['view']>> = {};
  for (const name of Object.keys(ctx.config.providers)) providers[name] = ctx.breakers.view(name);
  const last = ctx.store.integrity.last();
  const integrity = last ? { ok: last.ok, at: last.at, detail: last.detail } : null;
  const reasons: string[] = [];
  if (!database.ok) reasons.push(`the database: ${database.detail}`);
  if (!ctx.accepting()) reasons.push('posbridge is stopping');
  const down = reasons.length > 0;
  for (const [name, p] of Object.entries(providers)) {
    if (p.state !== 'closed') reasons.push(`${name} cannot be reached (${p.last_error ?? 'unreachable'})`);
    else if (p.failing) reasons.push(`${name} is failing: its last requests got no usable answer (${p.last_error})`);
  }
  if (integrity?.ok === false) reasons.push(`the integrity check failed: ${integrity.detail}`);
  const status: 'ok' | 'degraded' | 'down' = down ? 'down' : reasons.length > 0 ? 'degraded' : 'ok';
  return {
    status,
    version: ctx.version,
    database,
    integrity,
    paused: ctx.intake.paused !== null,
    queue_depth: database.ok ? ctx.store.operations.queueDepth() : 0,
    providers,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
}

export async function statusView(ctx: ApiContext): Promise<StatusSummary> {
  const health = healthView(ctx);
  const terminals: TerminalFacts[] = (await terminalViews(ctx)).map((t) => ({
    id: t.id,
    name: t.name,
    provider: t.provider,
    state: t.state as TerminalFacts['state'],
    providerUnreachable: t.provider_reachability.state !== 'closed',
    providerFailing: t.provider_reachability.failing,
    queued: t.queue_depth,
    direct: t.link !== null,
    ...(t.link ? { medium: ctx.engine.channel(t.provider)?.link?.(t.id)?.medium ?? 'cable' } : {}),
  }));
  return summarise({
    databaseOk: health.database.ok,
    integrityFailure: health.integrity?.ok === false ? health.integrity.detail : null,
    stopping: !ctx.accepting(),
    paused: ctx.intake.paused,
    terminals,
    queued: health.queue_depth,
    unresolved: health.database.ok ? ctx.store.transactions.countInState('unresolved') : 0,
    orphanHolds: health.database.ok ? ctx.store.transactions.countOrphanHolds() : 0,
    failedFollowUps: health.database.ok ? ctx.store.operations.countFailedAfterAnswer() : 0,
  });
}

/** What the terminal's card shows as its last payment: when it was asked for, how much, how it stands. */
function lastPayment(ctx: ApiContext, terminalId: string) {
  const tx = ctx.store.transactions.lastOfTerminal(terminalId);
  if (!tx) return null;
  return {
    id: tx.id,
    reference: tx.reference,
    created_at: tx.created_at,
    amount: tx.amount_captured ?? tx.amount_authorized ?? tx.amount_requested,
    currency: tx.currency,
    state: tx.state,
  };
}
