// Runs the database's quick check in the background: once soon after start (unless a passing check is
// recent enough) and then on a schedule, never on the start path. The result goes to store.integrity,
// where health, GET /v1/status and metrics read it.
import { quickCheck, type QuickCheckResult } from '../native/quick-check.js';
import type { Clock } from './core/clock.js';
import { isoTime } from './core/clock.js';
import type { Logger } from './logging.js';
import type { IntegrityLog, IntegrityResult } from './store/integrity.js';

export interface IntegritySchedule {
  readonly intervalMs: number;
  /** How long after start the first check runs when none passed within the interval. */
  readonly firstAfterMs: number;
}

/** When the next check is due: pure, so the schedule is tested with plain numbers. */
export function nextCheckAt(last: IntegrityResult | null, now: number, s: IntegritySchedule): number {
  if (last?.ok) {
    const due = Date.parse(last.at) + s.intervalMs;
    if (Number.isFinite(due) && due > now) return Math.min(due, now + s.intervalMs);
  }
  return now + s.firstAfterMs;
}

export interface IntegrityChecker {
  /** Runs a check now (also what the timer calls); resolves with what was recorded. */
  runNow(): Promise<IntegrityResult>;
  stop(): void;
}

export function scheduleIntegrityChecks(opts: {
  readonly file: string;
  readonly log: IntegrityLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly schedule: IntegritySchedule;
  readonly check?: (file: string, signal: AbortSignal) => Promise<QuickCheckResult>;
}): IntegrityChecker {
  const stopped = new AbortController();
  const check = opts.check ?? quickCheck;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<IntegrityResult> | undefined;

  const arm = (at: number) => {
    if (stopped.signal.aborted) return;
    timer = setTimeout(() => void runNow(), Math.max(0, at - opts.clock.now()));
    timer.unref?.();
  };
  const runNow = () => {
    running ??= (async () => {
      const started = opts.clock.now();
      const r = await check(opts.file, stopped.signal);
      const result: IntegrityResult = {
        at: isoTime(opts.clock.now()),
        ok: r.ok,
        detail: r.detail,
        duration_ms: opts.clock.now() - started,
      };
      if (!stopped.signal.aborted) {
        opts.log.record(result);
        if (result.ok) opts.logger.info({ duration_ms: result.duration_ms }, 'database quick check passed');
        else opts.logger.error({ detail: result.detail }, 'the database failed its quick check');
      }
      running = undefined;
      if (timer) clearTimeout(timer);
      arm(opts.clock.now() + opts.schedule.intervalMs);
      return result;
    })();
    return running;
  };
  arm(nextCheckAt(opts.log.last(), opts.clock.now(), opts.schedule));
  return {
    runNow,
    stop: () => {
      stopped.abort();
      if (timer) clearTimeout(timer);
    },
  };
}
