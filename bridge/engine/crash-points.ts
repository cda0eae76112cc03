// Named points of an operation's life where a test may kill the daemon (SIGKILL, as a power cut would),
// to prove that a crash between any two durable writes leads to the same result or to an in-doubt
// lookup, never to a blind resend. Armed only by POSBRIDGE_TEST_CRASH_AT, which only tests set:
// "point[:kind[:terminal]]", e.g. "answer_received:capture:sandbox-blink".
import { STEP_POINTS, type StepPoint } from '../core/channel.js';
import type { OperationKind } from '../core/states.js';

// The points, in the order of an operation's life (core/channel.ts):
// queued — intake wrote the operation; no lane has claimed it
// claimed — the lane leased it (a preauth is in_progress); no attempt yet
// attempt_started — the attempt row is written; the request has not left
// answer_received — the provider (or terminal) answered; nothing of the answer is written
// answer_recorded — the answer is on disk and its decision is not: a ZVT result persisted before its
//   acknowledgement; for the cloud providers, the two writes older versions made apart (emulated by the lane)
// decision_applied — the decision, its events and the card wipe are committed
export const CRASH_POINTS = STEP_POINTS;
export type CrashPoint = StepPoint;

export interface CrashTarget {
  readonly kind: OperationKind;
  readonly terminal_id: string;
}

export interface CrashHook {
  /** Whether the process dies at this point (the lane emulates an older version's writes only then). */
  armed(point: CrashPoint, target: CrashTarget): boolean;
  /** Kills the process here if armed. */
  at(point: CrashPoint, target: CrashTarget): void;
}

/** The hook the environment asks for, or undefined (production: nothing is armed). */
export function crashHookFromEnv(spec = process.env.POSBRIDGE_TEST_CRASH_AT): CrashHook | undefined {
  if (!spec) return undefined;
  const [point, kind, terminal] = spec.split(':');
  if (!CRASH_POINTS.includes(point as CrashPoint)) throw new Error(`POSBRIDGE_TEST_CRASH_AT: unknown point ${point}`);
  const armed = (at: CrashPoint, target: CrashTarget) =>
    at === point && (!kind || kind === '*' || kind === target.kind) && (!terminal || terminal === target.terminal_id);
  return {
    armed,
    at(at, target) {
      if (armed(at, target)) process.kill(process.pid, 'SIGKILL');
    },
  };
}
