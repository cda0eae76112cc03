// One step of one operation through a cloud provider: apply an answer a crashed worker recorded, resolve
// an in-doubt operation, or send it. Every exchange is recorded as an attempt row before the request
// leaves; the answer (or silence) is written with the decision it leads to (core/channel.ts StepResult).
import { BridgeError } from '../core/errors.js';
import { settled, type StepOperation, type StepPoint, type StepResult } from '../core/channel.js';
import type { Outcome } from '../core/outcome.js';
import type { Connector, HttpRequestSpec, OperationContext } from '../core/connector.js';
import { recordedAnswer } from '../store/recorded-answer.js';
import type { Store } from '../store/store.js';
import type { HttpExecutor } from './http-executor.js';

export interface StepDeps {
  readonly store: Store;
  readonly executor: HttpExecutor;
  readonly connector: Connector;
  readonly resolveWindowMs: number;
  /** Test hook: the process may be killed at these points of the operation's life. */
  readonly crash?: (point: StepPoint) => void;
}

/** A resend must arrive well inside the provider's replay window, whatever the clocks on the way. */
export const REPLAY_MARGIN_MS = 3_600_000;

/**
 * Whether an in-doubt operation may be sent again: only with a provider that replays the stored
 * answer for the same idempotency key, only inside the window it replays for (counted from when the
 * operation was written, before its first send), and only if we can rebuild the identical body (a
 * card number lives in memory, or sealed for a queued preauth).
 */
export function canResendSafely(connector: Connector, op: StepOperation, hasCard: boolean, now: number): boolean {
  const window = connector.capabilities.idempotencyWindowMs;
  const insideWindow = window === undefined || now - Date.parse(op.created_at) < window - REPLAY_MARGIN_MS;
  return connector.capabilities.idempotencyKey && insideWindow && (!connector.needsCard(op.kind) || hasCard);
}

type Exchanged = Awaited<ReturnType<typeof exchange>>;

async function exchange(
  deps: StepDeps,
  op: StepOperation,
  ctx: OperationContext,
  purpose: 'send' | 'lookup',
  spec: HttpRequestSpec,
  signal: AbortSignal | undefined,
) {
  const started = deps.store.clock.now();
  // The attempt, the claim before it and a new request's intake reach the disk in one sync, shared
  // with whatever else committed in this turn; the request leaves only after it.
  const attemptId = deps.store.writeUnsynced((w) =>
    deps.store.attempts.start(
      op.id,
      op.attempts,
      purpose,
      { method: spec.method, url: spec.url, headers: spec.headers, body: spec.body ?? spec.form },
      w.at,
    ),
  );
  await deps.store.synced();
  deps.crash?.('attempt_started');
  const result = await deps.executor.execute(spec, deps.connector.authFor?.(ctx.terminal), signal);
  deps.crash?.('answer_received');
  return { attemptId, started, result };
}

function evidence(x: Exchanged): { status: number | null; body: unknown } {
  return x.result.kind === 'reply'
    ? { status: x.result.reply.status, body: x.result.reply.body }
    : { status: null, body: { transport: x.result.failure.reason } };
}

/** Records an exchange that leads to no decision of its own (a marker such as not_found): at once. */
function finishAttempt(deps: StepDeps, x: Exchanged, outcome: { kind: string }) {
  deps.store.write((w) =>
    deps.store.attempts.finish(
      x.attemptId,
      { ...evidence(x), outcomeKind: outcome.kind, outcome },
      w.at,
      w.now - x.started,
    ),
  );
}

/** The step's answer: recorded by the lane together with its decision. */
function answer(deps: StepDeps, x: Exchanged, outcome: Outcome): StepResult {
  return {
    outcome,
    record: (at, now, applied) =>
      deps.store.attempts.finish(
        x.attemptId,
        { ...evidence(x), outcomeKind: outcome.kind, outcome },
        at,
        now - x.started,
        applied,
      ),
  };
}

async function send(
  deps: StepDeps,
  op: StepOperation,
  ctx: OperationContext,
  signal?: AbortSignal,
): Promise<StepResult> {
  let spec: HttpRequestSpec;
  try {
    spec = deps.connector.build(ctx);
  } catch (err) {
    if (err instanceof BridgeError)
      return settled({ kind: 'rejected', code: err.code, message: err.message, fieldErrors: [] });
    throw err;
  }
  const x = await exchange(deps, op, ctx, 'send', spec, signal);
  const { result } = x;
  const outcome: Outcome =
    result.kind === 'reply'
      ? deps.connector.parse(ctx, result.reply)
      : result.failure.notSent
        ? { kind: 'retryable', notSent: true, reason: result.failure.reason }
        : { kind: 'unknown', reason: result.failure.reason };
  return answer(deps, x, outcome);
}

/** A lookup that asks for more than this many requests in one step is cut short (a connector bug, not a loop). */
const MAX_LOOKUP_REQUESTS = 4;

/** Looks an in-doubt operation up; 'not_found' is returned as such so the caller can decide to resend. */
async function lookup(
  deps: StepDeps,
  op: StepOperation,
  ctx: OperationContext,
  first: HttpRequestSpec,
  signal?: AbortSignal,
): Promise<StepResult | 'not_found'> {
  if (!deps.connector.parseLookup)
    return settled({ kind: 'unknown', reason: 'this provider offers no lookup for this operation' });
  let spec = first;
  for (let n = 1; ; n++) {
    const x = await exchange(deps, op, ctx, 'lookup', spec, signal);
    if (x.result.kind === 'failed')
      return answer(deps, x, { kind: 'unknown', reason: `lookup failed: ${x.result.failure.reason}` });
    const found = deps.connector.parseLookup(ctx, x.result.reply, spec);
    if (found.kind === 'next' && n < MAX_LOOKUP_REQUESTS) {
      finishAttempt(deps, x, { kind: 'lookup_next' });
      spec = found.request;
      continue;
    }
    if (found.kind === 'not_found') {
      finishAttempt(deps, x, { kind: 'not_found' });
      return 'not_found';
    }
    return answer(
      deps,
      x,
      found.kind === 'found'
        ? found.outcome
        : {
            kind: 'unknown',
            reason:
              found.kind === 'next'
                ? `lookup took more than ${MAX_LOOKUP_REQUESTS} requests`
                : `lookup inconclusive: ${found.reason}`,
          },
    );
  }
}

/**
 * Sends the POS's cancel for a preauth still at the terminal. The provider answers before the terminal
 * acts and the cancel may lose the race, so the outcome is learned by looking the preauth up afterwards.
 */
async function sendCancel(
  deps: StepDeps,
  op: StepOperation,
  ctx: OperationContext,
  signal?: AbortSignal,
): Promise<StepResult | undefined> {
  const spec = deps.connector.cancel?.(ctx);
  if (!spec) return undefined; // not addressable yet (no provider id): look it up first
  const x = await exchange(deps, op, ctx, 'send', spec, signal);
  deps.store.write((w) => {
    deps.store.operations.markCancelSent(op.id, w.at);
    deps.store.attempts.finish(
      x.attemptId,
      { ...evidence(x), outcomeKind: 'cancel_sent', outcome: { kind: 'cancel_sent' } },
      w.at,
      w.now - x.started,
    );
  });
  return settled({ kind: 'pending', pollAfterMs: 250 });
}

/** What to conclude when a lookup finds nothing and the request cannot safely be sent again. */
function notFoundOutcome(deps: StepDeps, op: StepOperation): Outcome {
  const waited = deps.store.clock.now() - (op.in_doubt_since ?? deps.store.clock.now());
  // A synchronous provider that still has no record long after our request never got it.
  if (deps.connector.capabilities.mode === 'sync' && waited >= deps.resolveWindowMs) {
    const what =
      op.kind === 'preauth'
        ? 'nothing was reserved. Send it again with a new reference.'
        : `the ${op.kind} did not take effect. Send it again.`;
    return {
      kind: 'rejected',
      code: 'interrupted',
      message: `The provider has no record of the request after ${Math.round(waited / 1000)} s; ${what}`,
      fieldErrors: [],
    };
  }
  return { kind: 'unknown', reason: 'not found at the provider yet' };
}

/**
 * Runs one step for a leased operation and returns what came of it. An operation in doubt is looked
 * up first (no side effects); only if the provider has no record is it sent again, and only when
 * that is safe (same idempotency key, same body).
 */
export async function runStep(
  deps: StepDeps,
  op: StepOperation,
  ctx: OperationContext,
  signal?: AbortSignal,
): Promise<StepResult> {
  const recorded = recordedAnswer(deps.store, op.id);
  if (recorded) return recorded;
  const local = deps.connector.local?.(ctx);
  if (local) return settled(local);
  if (op.kind === 'preauth' && op.cancel_requested_at && !op.cancel_sent_at) {
    const cancelled = await sendCancel(deps, op, ctx, signal);
    if (cancelled) return cancelled;
  }
  const hasCard = ctx.card !== undefined;
  const resendable = canResendSafely(deps.connector, op, hasCard, deps.store.clock.now());
  if (op.in_doubt) {
    const spec = deps.connector.lookup?.(ctx);
    if (spec) {
      const found = await lookup(deps, op, ctx, spec, signal);
      if (found !== 'not_found') return found;
      return resendable ? send(deps, op, ctx, signal) : settled(notFoundOutcome(deps, op));
    }
    if (resendable) return send(deps, op, ctx, signal);
    return settled({ kind: 'unknown', reason: 'no way to find out whether the earlier request took effect' });
  }
  if (deps.connector.needsCard(op.kind) && !hasCard) {
    return settled({
      kind: 'rejected',
      code: 'interrupted',
      message:
        'The bridge restarted before this request was sent, and without a secret key it keeps no card data across a restart; nothing was reserved. Send it again with a new reference.',
      fieldErrors: [],
    });
  }
  return send(deps, op, ctx, signal);
}
