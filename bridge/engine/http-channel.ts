// The payment channel of a cloud provider: a pure connector that describes requests and reads answers,
// and the shared HTTP executor that carries them (timeouts, tokens, the provider's breaker).
import type { DoubtRemedies, PaymentChannel, StepHooks, StepOperation, StepResult } from '../core/channel.js';
import type { Connector, OperationContext } from '../core/connector.js';
import type { Store } from '../store/store.js';
import type { HttpExecutor } from './http-executor.js';
import { canResendSafely, runStep } from './step.js';

export class HttpChannel implements PaymentChannel {
  readonly local = false;
  readonly cancelsRunning: boolean;

  constructor(
    readonly connector: Connector,
    readonly executor: HttpExecutor,
    private readonly store: Store,
    private readonly resolveWindowMs: number,
  ) {
    this.cancelsRunning = connector.cancel !== undefined;
  }

  get facts(): Connector {
    return this.connector;
  }

  step(op: StepOperation, ctx: OperationContext, hooks: StepHooks, signal?: AbortSignal): Promise<StepResult> {
    const { store, connector, executor, resolveWindowMs } = this;
    return runStep(
      { store, executor, connector, resolveWindowMs, ...(hooks.crash ? { crash: hooks.crash } : {}) },
      op,
      ctx,
      signal,
    );
  }

  remedies(op: StepOperation, ctx: OperationContext, now: number): DoubtRemedies {
    return {
      canLookup: this.connector.capabilities.statusLookup && this.connector.lookup?.(ctx) !== undefined,
      canResend: canResendSafely(this.connector, op, ctx.card !== undefined, now),
    };
  }

  close(): Promise<void> {
    return this.executor.close();
  }
}
