// The engine's middle on a real SQLite file with a fake clock: a store, the intake and a payment step
// wired as the daemon wires them, over a scripted payment channel — the stand-in for a provider, so
// that intake, the lane and the state writer are tested fast and without a network. The channel
// records each exchange as an attempt row, as the real ones do.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { secretBoxFromKey } from '../../native/secret-box.js';
import type { DoubtRemedies, PaymentChannel, StepOperation, StepResult } from '../../bridge/core/channel.js';
import { Type } from 'typebox';
import { randomIds, type Clock } from '../../bridge/core/clock.js';
import { terminalSettingsParser } from '../../bridge/core/terminal-settings.js';
import type { Capabilities, OperationContext, ProviderFacts } from '../../bridge/core/connector.js';
import type { Outcome } from '../../bridge/core/outcome.js';
import { Engine } from '../../bridge/engine/engine.js';
import { Intake } from '../../bridge/engine/intake.js';
import { PaymentStep, type PaymentStepDeps } from '../../bridge/engine/payment-step.js';
import { createLogger } from '../../bridge/logging.js';
import { openStore, type Store } from '../../bridge/store/store.js';
import { tempDir } from './tmp.js';

export const KEYED = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' };

export class FakeClock implements Clock {
  constructor(public ms = Date.parse('2026-12-01T10:00:00Z')) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

const CAPS: Capabilities = {
  idempotencyKey: true,
  statusLookup: true,
  adjust: true,
  partialCapture: true,
  captureAboveAuthorized: false,
  mode: 'sync',
  cardPresence: 'card_not_present',
  voidWindow: 'until captured',
};

/** A channel that answers each step with the next scripted outcome (or throws what it is given). */
export class ScriptedChannel implements PaymentChannel {
  readonly local = false;
  readonly cancelsRunning = false;
  readonly facts: ProviderFacts;
  readonly steps: Array<{ op: StepOperation; ctx: OperationContext }> = [];
  private readonly script: Array<Outcome | Error> = [];
  /** What each exchange records as its request and response bodies (a real channel's are the HTTP bodies). */
  bodies: { request: unknown; response: unknown } = { request: { scripted: true }, response: {} };

  constructor(
    private readonly store: Store,
    caps: Partial<Capabilities> = {},
    private readonly can: DoubtRemedies = { canLookup: true, canResend: true },
  ) {
    this.facts = {
      name: 'scripted',
      capabilities: { ...CAPS, ...caps },
      terminalSettings: terminalSettingsParser('scripted', Type.Object({})),
      needsCard: (kind) => kind === 'preauth' && (caps.cardPresence ?? CAPS.cardPresence) === 'card_not_present',
    };
  }

  answer(...outcomes: Array<Outcome | Error>): this {
    this.script.push(...outcomes);
    return this;
  }

  async step(op: StepOperation, ctx: OperationContext): Promise<StepResult> {
    this.steps.push({ op, ctx });
    const next = this.script.shift() ?? new Error('no scripted answer left');
    // As the real channels do: the attempt is on disk before anything would leave.
    const attemptId = this.store.writeUnsynced((w) =>
      this.store.attempts.start(op.id, op.attempts, 'send', this.bodies.request, w.at),
    );
    await this.store.synced();
    if (next instanceof Error) throw next;
    return {
      outcome: next,
      record: (at, now, applied) =>
        this.store.attempts.finish(
          attemptId,
          { status: 200, body: this.bodies.response, outcomeKind: next.kind, outcome: next },
          at,
          0,
          applied,
        ),
    };
  }

  remedies(): DoubtRemedies {
    return this.can;
  }
}

export interface EngineRig {
  readonly store: Store;
  readonly clock: FakeClock;
  readonly engine: Engine;
  readonly intake: Intake;
  readonly channel: ScriptedChannel;
  /** Terminals whose lane was woken, in order (the lanes themselves are not run: tests run steps). */
  readonly woken: string[];
  /** A lane's payment step, as the engine builds it. */
  paymentStep(extra?: Partial<PaymentStepDeps>): PaymentStep;
  close(): void;
}

export function engineRig(
  opts: {
    caps?: Partial<Capabilities>;
    remedies?: DoubtRemedies;
    cardPresentStartMs?: number;
    compactAttemptsAtEnd?: boolean;
  } = {},
): EngineRig {
  const tmp = tempDir();
  const clock = new FakeClock();
  const store = openStore(join(tmp.dir, 'engine.sqlite'), clock, randomIds);
  const channel = new ScriptedChannel(store, opts.caps, opts.remedies);
  store.write((w) =>
    store.terminals.upsert({ id: 't1', provider: 'scripted', name: 'T1', currency: null, settings: {} }, w.at),
  );
  const engine = new Engine({
    store,
    ids: randomIds,
    log: createLogger('silent'),
    channels: new Map([['scripted', channel]]),
    secrets: secretBoxFromKey(randomBytes(32)),
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    maxAttempts: 3,
    resolveWindowMs: 60_000,
    leaseMs: 30_000,
    random: () => 0.5,
    ...(opts.cardPresentStartMs !== undefined ? { cardPresentStartMs: opts.cardPresentStartMs } : {}),
    ...(opts.compactAttemptsAtEnd !== undefined ? { compactAttemptsAtEnd: opts.compactAttemptsAtEnd } : {}),
  });
  const woken: string[] = [];
  engine.wake = (id) => {
    woken.push(id);
  };
  const intake = new Intake(engine.intakeDeps(randomIds));
  const log = createLogger('silent');
  const paymentStep = (extra: Partial<PaymentStepDeps> = {}) =>
    new PaymentStep({
      store,
      writer: engine.writer,
      ids: randomIds,
      owner: engine.owner,
      leaseMs: 30_000,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      resolveWindowMs: 60_000,
      random: () => 0.5,
      vault: engine.vault,
      log,
      channelFor: (p) => (p === 'scripted' ? channel : undefined),
      credentialsFor: () => undefined,
      ...(opts.cardPresentStartMs !== undefined ? { cardPresentStartMs: opts.cardPresentStartMs } : {}),
      ...extra,
    });
  return {
    store,
    clock,
    engine,
    intake,
    channel,
    woken,
    paymentStep,
    close: () => {
      store.close();
      tmp.cleanup();
    },
  };
}
