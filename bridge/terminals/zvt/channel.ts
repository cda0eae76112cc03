// The payment channel of a ZVT terminal on this PC's cable or network: the driver that holds each
// terminal's link, the step that runs one command on it, the abort that goes out on the connection a
// preauth waits on, and the work a terminal needs beside payments — reconciliation at start, a status
// poll of idle terminals, the technician's test.
import type {
  DoubtRemedies,
  EndOfDayRequest,
  LinkState,
  PaymentChannel,
  StepHooks,
  StepOperation,
  StepResult,
  TerminalTest,
  TestStep,
} from '../../core/channel.js';
import type { OperationContext } from '../../core/connector.js';
import type { Logger } from '../../logging.js';
import type { Store } from '../../store/store.js';
import { zvtSettings } from './config.js';
import type { ZvtDriver } from './driver.js';
import { closeInterruptedRuns, runZvtEndOfDay } from './end-of-day-run.js';
import { pollZvtTerminals } from './link-events.js';
import { ZVT_FACTS } from './operations.js';
import { reconcileAllZvt } from './startup-reconcile.js';
import { runZvtStep } from './step.js';
import { testZvtTerminal } from './terminal-test.js';

export class ZvtChannel implements PaymentChannel {
  readonly facts = ZVT_FACTS;
  readonly local = true;
  // 06 B0 goes out on the connection the preauth waits on.
  readonly cancelsRunning = true;
  private stopPolling: () => void = () => {};
  private reconciled: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    readonly driver: ZvtDriver,
  ) {}

  step(op: StepOperation, ctx: OperationContext, hooks: StepHooks, signal?: AbortSignal): Promise<StepResult> {
    return runZvtStep(
      { store: this.store, driver: this.driver, ...(hooks.crash ? { crash: hooks.crash } : {}) },
      op,
      ctx,
      signal,
    );
  }

  remedies(): DoubtRemedies {
    // A ZVT step settles its own doubt from the persisted result (see step.ts): it may always run again.
    return { canLookup: false, canResend: true };
  }

  abortRunning(terminalId: string): Promise<boolean> {
    return this.driver.abort(terminalId);
  }

  link(terminalId: string): LinkState {
    const row = this.store.terminals.get(terminalId);
    const transport = row ? zvtSettings(JSON.parse(row.settings_json) as object).transport : undefined;
    const state = this.driver.state(terminalId);
    return transport ? { ...state, medium: transport.type === 'tcp' ? 'network' : 'cable' } : state;
  }

  testTerminal(terminalId: string, onStep?: (steps: readonly TestStep[]) => void): Promise<TerminalTest> {
    return testZvtTerminal(this.store, this.driver, terminalId, onStep);
  }

  /** The terminal's End-of-Day (06 50), recorded with its totals and their comparison. */
  async endOfDay(req: EndOfDayRequest): Promise<{ runId: number }> {
    return { runId: await runZvtEndOfDay(this.store, this.driver, req) };
  }

  forget(terminalId: string): Promise<void> {
    return this.driver.forget(terminalId);
  }

  /**
   * What the terminals hold against what the store believes (after a crash above all), in the
   * background: a terminal that is switched off must not hold up the start. Then the status poll.
   */
  start(log: Logger, statusPollMs: number): void {
    const cut = closeInterruptedRuns(this.store);
    if (cut) log.warn({ runs: cut }, 'end-of-day runs cut off by the last stop: outcome not known');
    this.reconciled = reconcileAllZvt(this.store, this.driver, log);
    this.stopPolling = pollZvtTerminals(this.store, this.driver, statusPollMs);
  }

  async close(): Promise<void> {
    this.stopPolling();
    await this.driver.close();
    await this.reconciled;
  }
}
