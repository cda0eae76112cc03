// The payment channel: how the engine reaches a terminal, whatever is behind it — a cloud provider over
// HTTP (a pure connector and the shared executor) or a terminal on this PC's cable or network (ZVT). The
// engine runs lanes, decides and writes state; a channel runs one step of one operation and says what
// the engine may do when an outcome is in doubt. Nothing in the engine knows which channel it drives.
import type { OperationContext, ProviderFacts } from './connector.js';
import type { Outcome } from './outcome.js';
import type { OperationKind } from './states.js';

/** What a step reads of its operation's row (OperationRow has these columns). */
export interface StepOperation {
  readonly id: string;
  readonly transaction_id: string;
  readonly terminal_id: string;
  readonly kind: OperationKind;
  readonly attempts: number;
  readonly in_doubt: number;
  readonly in_doubt_since: number | null;
  readonly created_at: string;
  readonly cancel_requested_at: string | null;
  readonly cancel_sent_at: string | null;
}

/** What one step came to: the outcome, and the writes that record how it was learned. */
export interface StepResult {
  readonly outcome: Outcome;
  /**
   * Writes the attempt's answer. The engine runs it inside the transaction that applies the decision
   * the outcome leads to, so an answer is never on disk without its decision (a crash between the two
   * would throw the answer away and send again: a second hold where the provider has no idempotency).
   * `applied: false` only to emulate versions that wrote the answer apart from its decision (tests).
   */
  readonly record?: (at: string, now: number, applied?: boolean) => void;
}

/** An outcome learned without an exchange (a local decision, a refused build). */
export const settled = (outcome: Outcome): StepResult => ({ outcome });

/** Named points of an operation's life where a test may kill the process (POSBRIDGE_TEST_CRASH_AT). */
export const STEP_POINTS = [
  'queued',
  'claimed',
  'attempt_started',
  'answer_received',
  'answer_recorded',
  'decision_applied',
] as const;
export type StepPoint = (typeof STEP_POINTS)[number];

export interface StepHooks {
  /** Test hook: dies at this point if a test armed it; does nothing otherwise. */
  readonly crash?: (point: StepPoint) => void;
}

/** What the engine may do about an outcome it does not know yet. */
export interface DoubtRemedies {
  /** The operation can be looked up, so an unknown outcome can still be learned later. */
  readonly canLookup: boolean;
  /** The request can be sent again safely (the channel recognises it, or settles its own doubt). */
  readonly canResend: boolean;
}

/** A terminal's own link as the channel sees it; undefined for channels that have none (cloud terminals). */
export interface LinkState {
  readonly online: boolean;
  readonly busy: boolean;
  readonly lastError: string | null;
  /** When the terminal last answered anything (ms). */
  readonly lastSeenAt: number | null;
  /** The serial path in use, if the device was found again under another name. */
  readonly path?: string;
  /** How the terminal is joined to this PC, so advice names the right thing to check. */
  readonly medium?: 'cable' | 'network';
}

/** A technician's connection test of one terminal, step by step. */
/** One step of a connection test as it runs: `error_code` says why it failed (see zvt/failure-code.ts). */
export interface TestStep {
  readonly step: string;
  readonly state: 'running' | 'ok' | 'failed';
  readonly detail: string;
  readonly error_code: string | null;
  /** The terminal's result code when it refused (84 xx, 06 1E xx). */
  readonly result_code: number | null;
}

export interface TerminalTest {
  readonly terminal_id: string;
  readonly ok: boolean;
  readonly steps: Array<{
    step: string;
    ok: boolean;
    detail: string;
    error_code: string | null;
    result_code: number | null;
  }>;
  readonly terminal: { zvt_terminal_id: string | null; software_version: string | null; status: string | null } | null;
}

export interface PaymentChannel {
  /** Capabilities, card needs and the optional verbs the API and intake read. */
  readonly facts: ProviderFacts;
  /** Whether failures are felt at the terminal itself (its cable, its power) rather than over the internet. */
  readonly local: boolean;
  /**
   * Runs one step of a leased operation: applies an answer recorded but never applied, resolves an
   * operation in doubt, or sends it. Never throws for a provider's or terminal's failure: that is an outcome.
   */
  step(op: StepOperation, ctx: OperationContext, hooks: StepHooks, signal?: AbortSignal): Promise<StepResult>;
  remedies(op: StepOperation, ctx: OperationContext, now: number): DoubtRemedies;
  /** Whether a preauth already at the terminal can still be cancelled by the POS. */
  readonly cancelsRunning: boolean;
  /** Sends a cancel for a preauth running now, on the connection it waits on; true if it went out. */
  abortRunning?(terminalId: string): Promise<boolean>;
  /** The terminal's own link, for channels that hold one. */
  link?(terminalId: string): LinkState | undefined;
  /** The technician's connection test, for channels that have one. */
  /** `onStep` hears every step as it starts and ends, for the pairing wizard's progress. */
  testTerminal?(terminalId: string, onStep?: (steps: readonly TestStep[]) => void): Promise<TerminalTest>;
  /** The terminal was removed: drop its connection. */
  forget?(terminalId: string): Promise<void>;
  /**
   * The terminal's own end of day (ZVT 06 50), for channels whose terminals keep a batch: runs it,
   * records the run and answers its id (the run is read from the store).
   */
  endOfDay?(req: EndOfDayRequest): Promise<{ readonly runId: number }>;
  close?(): Promise<void>;
}

export interface EndOfDayRequest {
  readonly terminalId: string;
  /** The store's time zone (IANA): names the day a difference belongs to. */
  readonly timeZone: string;
  /** Who asked (the API key's name, or the status window). */
  readonly requestedBy: string | null;
}
