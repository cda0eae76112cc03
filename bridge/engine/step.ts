// One step of one operation: resolve an in-doubt operation, or send it. Every exchange is recorded
// as an attempt row before the request leaves and finished when the answer (or silence) comes back.
import { BridgeError } from '../core/errors.js';
import type { Outcome } from '../core/outcome.js';
import type { Connector, HttpRequestSpec, OperationContext } from '../providers/types.js';
import type { OperationRow } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { HttpExecutor } from './http-executor.js';

export interface StepDeps {
  readonly store: Store;
  readonly executor: HttpExecutor;
  readonly connector: Connector;
  readonly resolveWindowMs: number;
}

/** How an in-doubt operation can be settled with this provider and what we still hold in memory. */
export type Resolution = 'resend_same_key' | 'lookup' | 'none';

export function resolutionFor(connector: Connector, op: OperationRow, hasCard: boolean): Resolution {
  const bodyAvailable = !connector.needsCard(op.kind) || hasCard;
  if (connector.capabilities.idempotencyKey && bodyAvailable) return 'resend_same_key';
  if (connector.capabilities.statusLookup && connector.lookup) return 'lookup';
  return 'none';
}

async function exchange(deps: StepDeps, op: OperationRow, purpose: 'send' | 'lookup', spec: HttpRequestSpec, signal: AbortSignal | undefined) {
  const started = deps.store.clock.now();
  const attemptId = deps.store.write((w) => deps.store.attempts.start(op.id, op.attempts, purpose, { method: spec.method, url: spec.url, headers: spec.headers, body: spec.body }, w.at));
  const result = await deps.executor.execute(deps.connector, spec, signal);
  return { attemptId, started, result };
}

function finishAttempt(deps: StepDeps, attemptId: number, started: number, status: number | null, body: unknown, outcome: { kind: string }) {
  deps.store.write((w) => deps.store.attempts.finish(attemptId, { status, body, outcomeKind: outcome.kind, outcome }, w.at, w.now - started));
}

async function send(deps: StepDeps, op: OperationRow, ctx: OperationContext, signal?: AbortSignal): Promise<Outcome> {
  let spec: HttpRequestSpec;
  try {
    spec = deps.connector.build(ctx);
  } catch (err) {
    if (err instanceof BridgeError) return { kind: 'rejected', code: err.code, message: err.message, fieldErrors: [] };
    throw err;
  }
  const { attemptId, started, result } = await exchange(deps, op, 'send', spec, signal);
  const outcome: Outcome = result.kind === 'reply'
    ? deps.connector.parse(ctx, result.reply)
    : result.failure.notSent
      ? { kind: 'retryable', notSent: true, reason: result.failure.reason }
      : { kind: 'unknown', reason: result.failure.reason };
  finishAttempt(deps, attemptId, started, result.kind === 'reply' ? result.reply.status : null, result.kind === 'reply' ? result.reply.body : { transport: result.failure.reason }, outcome);
  return outcome;
}

async function lookup(deps: StepDeps, op: OperationRow, ctx: OperationContext, signal?: AbortSignal): Promise<Outcome> {
  const spec = deps.connector.lookup?.(ctx);
  if (!spec || !deps.connector.parseLookup) return { kind: 'unknown', reason: 'this provider offers no lookup for this operation' };
  const { attemptId, started, result } = await exchange(deps, op, 'lookup', spec, signal);
  let outcome: Outcome;
  if (result.kind === 'failed') {
    outcome = { kind: 'unknown', reason: `lookup failed: ${result.failure.reason}` };
  } else {
    const found = deps.connector.parseLookup(ctx, result.reply);
    if (found.kind === 'found') {
      outcome = found.outcome;
    } else if (found.kind === 'inconclusive') {
      outcome = { kind: 'unknown', reason: `lookup inconclusive: ${found.reason}` };
    } else {
      const since = op.in_doubt_since ?? deps.store.clock.now();
      const waited = deps.store.clock.now() - since;
      // A synchronous provider that still has no record long after our request was sent never got it.
      outcome = waited >= deps.resolveWindowMs
        ? { kind: 'rejected', code: 'interrupted', message: 'The provider never received the request (looked up for ' + Math.round(waited / 1000) + ' s); nothing was reserved. Send it again with a new reference.', fieldErrors: [] }
        : { kind: 'unknown', reason: 'not found at the provider yet' };
    }
  }
  finishAttempt(deps, attemptId, started, result.kind === 'reply' ? result.reply.status : null, result.kind === 'reply' ? result.reply.body : { transport: result.failure.reason }, outcome);
  return outcome;
}

/** Runs one step for a leased operation and returns what came of it. */
export async function runStep(deps: StepDeps, op: OperationRow, ctx: OperationContext, signal?: AbortSignal): Promise<Outcome> {
  const hasCard = ctx.card !== undefined;
  if (op.in_doubt) {
    switch (resolutionFor(deps.connector, op, hasCard)) {
      case 'resend_same_key': return send(deps, op, ctx, signal);
      case 'lookup': return lookup(deps, op, ctx, signal);
      case 'none': return { kind: 'unknown', reason: 'no way to find out whether the earlier request took effect' };
    }
  }
  if (deps.connector.needsCard(op.kind) && !hasCard) {
    return { kind: 'rejected', code: 'interrupted', message: 'The bridge restarted before this request was sent and card data is never kept on disk; nothing was reserved. Send it again with a new reference.', fieldErrors: [] };
  }
  return send(deps, op, ctx, signal);
}
