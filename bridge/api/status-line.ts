// The one line a cashier reads at a glance — do card payments work now, and if not, what to do — and
// the list of problems behind it. Pure: the daemon gathers the facts, the tray, the window and
// GET /v1/status show the result. Plain words only: no error codes reach the counter.

export type Level = 'ok' | 'degraded' | 'down';

export interface TerminalFacts {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly state: 'ready' | 'busy' | 'offline' | 'needs_pairing' | 'failing';
  /** The provider's service cannot be reached (its breaker is open or probing). */
  readonly providerUnreachable: boolean;
  /** The provider is reached but a run of its requests got no usable answer (5xx, closed, timed out). */
  readonly providerFailing?: boolean;
  /** Its operations waiting to be sent (the count its card shows); the whole queue when absent. */
  readonly queued?: number;
  /** Connected to this PC by cable or network (ZVT), not through a provider's cloud. */
  readonly direct: boolean;
  /** For a direct terminal: on a cable to this PC or on the local network (cable when not known). */
  readonly medium?: 'cable' | 'network';
}

export interface StatusFacts {
  readonly databaseOk: boolean;
  /** What the last background integrity check found, if it failed (null or absent: passed or not run yet). */
  readonly integrityFailure?: string | null;
  readonly stopping: boolean;
  readonly paused: { readonly since: string; readonly by: string } | null;
  readonly terminals: readonly TerminalFacts[];
  readonly queued: number;
  readonly unresolved: number;
  /** Authorised holds raised as orphans (approved after the POS was told "not final"; never asked about). */
  readonly orphanHolds?: number;
  /** Charges and releases that failed after their caller heard "under way" (GET /v1/attention). */
  readonly failedFollowUps?: number;
}

/** What kind of trouble a problem is, so a window in another language can say it in its own words. */
export type ProblemCode =
  | 'database_unwritable'
  | 'integrity_failed'
  | 'stopping'
  | 'paused'
  | 'not_paired'
  | 'provider_failing'
  | 'provider_unreachable'
  | 'terminal_offline'
  | 'no_terminal_works'
  | 'no_terminals'
  | 'unresolved'
  | 'orphan_holds'
  | 'follow_up_failed';

/**
 * The facts a problem's words are made of: provider (its code), terminal (its name), queued/count, direct
 * (connected by cable or network), advice_of (for no_terminal_works: the index in `problems` of the problem
 * whose advice it gives).
 */
export type ProblemParams = Readonly<Record<string, string | number | boolean>>;

export interface Problem {
  readonly level: Level;
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  readonly text: string;
  readonly advice: string;
  readonly terminal_id: string | null;
}

export interface StatusSummary {
  readonly level: Level;
  readonly headline: string;
  readonly advice: string;
  readonly paused: boolean;
  readonly problems: readonly Problem[];
  readonly terminals: { readonly total: number; readonly working: number };
  readonly queued: number;
  readonly unresolved: number;
}

export const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  payroc: 'Payroc',
  smartretry: 'SmartRetry',
  payporter: 'PayPorter',
  blink: 'Blink',
  lab4pay: 'Lab4Pay',
  zvt: 'Card',
};

export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

const RANK: Record<Level, number> = { down: 0, degraded: 1, ok: 2 };

function terminalProblem(t: TerminalFacts, allQueued: number): Problem | undefined {
  const queued = t.queued ?? allQueued;
  const label = `${providerLabel(t.provider)} terminal ${t.name}`;
  if (t.state === 'needs_pairing') {
    return {
      level: 'degraded',
      code: 'not_paired',
      params: { provider: t.provider, terminal: t.name },
      text: `${label} is not paired yet`,
      advice: 'A technician pairs it from "Pair a terminal" in the posbridge menu.',
      terminal_id: t.id,
    };
  }
  if (t.state === 'failing') {
    const waiting =
      queued > 0
        ? queued === 1
          ? ' 1 waiting payment is tried again by itself.'
          : ` ${queued} waiting payments are tried again by themselves.`
        : ' Payments are tried again by themselves.';
    return {
      level: 'degraded',
      code: 'provider_failing',
      params: { provider: t.provider, terminal: t.name, queued },
      text: `${providerLabel(t.provider)} is not working for ${t.name}`,
      advice: `${providerLabel(t.provider)} answers, but with errors.${waiting} Call support if it stays.`,
      terminal_id: t.id,
    };
  }
  if (t.state !== 'offline') return undefined;
  if (t.providerUnreachable) {
    const waiting =
      queued > 0
        ? ` ${queued} waiting ${queued === 1 ? 'payment goes' : 'payments go'} out when it is back.`
        : ' Payments wait here and go out when it is back.';
    return {
      level: 'degraded',
      code: 'provider_unreachable',
      params: { provider: t.provider, terminal: t.name, queued },
      text: `${providerLabel(t.provider)} cannot be reached for ${t.name}`,
      advice: `Check this PC's internet connection.${waiting}`,
      terminal_id: t.id,
    };
  }
  // A network terminal has no cable to this PC: its advice names its network and address instead.
  const advice = !t.direct
    ? 'Check its power and network.'
    : t.medium === 'network'
      ? 'Check its power, its network connection and its IP address.'
      : 'Check its power and its cable to this PC.';
  return {
    level: 'degraded',
    code: 'terminal_offline',
    params: { provider: t.provider, terminal: t.name, direct: t.direct, network: t.medium === 'network' },
    text: `${label} is offline`,
    advice,
    terminal_id: t.id,
  };
}

export function summarise(f: StatusFacts): StatusSummary {
  const problems: Problem[] = [];
  if (!f.databaseOk) {
    problems.push({
      level: 'down',
      code: 'database_unwritable',
      params: {},
      text: 'Card payments are stopped: posbridge cannot save to its database',
      advice: 'Check that this PC has free disk space, then restart posbridge. Call support if it stays.',
      terminal_id: null,
    });
  }
  if (f.integrityFailure) {
    problems.push({
      level: 'degraded',
      code: 'integrity_failed',
      params: {},
      text: 'The database failed its integrity check; card payments still work',
      advice:
        'Call support today: posbridge needs a technician to copy the data folder and repair the database. Do not delete anything.',
      terminal_id: null,
    });
  }
  if (f.stopping)
    problems.push({
      level: 'down',
      code: 'stopping',
      params: {},
      text: 'posbridge is stopping',
      advice: 'It starts again from the posbridge icon in the tray.',
      terminal_id: null,
    });
  if (f.paused)
    problems.push({
      level: 'degraded',
      code: 'paused',
      params: {},
      text: 'Paused: posbridge takes no new card payments',
      advice: 'Choose "Resume" in the posbridge menu when ready. Open holds can still be charged or released.',
      terminal_id: null,
    });
  for (const t of f.terminals) {
    const p = terminalProblem(t, f.queued);
    if (p) problems.push(p);
  }
  let borrowed: Problem | undefined;
  const working = f.terminals.filter((t) => t.state === 'ready' || t.state === 'busy').length;
  if (f.terminals.length > 0 && working === 0 && f.databaseOk) {
    borrowed = problems[0];
    problems.unshift({
      level: 'down',
      code: 'no_terminal_works',
      params: {},
      text: 'No terminal can take card payments now',
      advice: problems[0]?.advice ?? 'Check the terminals below.',
      terminal_id: null,
    });
  }
  if (f.terminals.length === 0)
    problems.push({
      level: 'degraded',
      code: 'no_terminals',
      params: {},
      text: 'No terminal is set up yet',
      advice: 'A technician adds one from "Pair a terminal" in the posbridge menu.',
      terminal_id: null,
    });
  if (f.unresolved > 0) {
    problems.push({
      level: 'degraded',
      code: 'unresolved',
      params: { count: f.unresolved },
      text: `${f.unresolved} ${f.unresolved === 1 ? 'payment needs' : 'payments need'} checking`,
      advice:
        'posbridge could not learn whether it went through. Open the status window and settle it after checking with the provider.',
      terminal_id: null,
    });
  }
  const orphans = f.orphanHolds ?? 0;
  if (orphans > 0) {
    problems.push({
      level: 'degraded',
      code: 'orphan_holds',
      params: { count: orphans },
      text: `${orphans} ${orphans === 1 ? 'hold the till does not know of' : 'holds the till does not know of'}`,
      advice:
        'The card was approved after the till was told to wait, and the till never asked again. Capture it from the till, or release it in Transactions.',
      terminal_id: null,
    });
  }
  // The till believes these were charged or released; the hold is still on the card as far as posbridge knows.
  const followUps = f.failedFollowUps ?? 0;
  if (followUps > 0) {
    problems.push({
      level: 'degraded',
      code: 'follow_up_failed',
      params: { count: followUps },
      text: `${followUps} ${followUps === 1 ? 'charge or release' : 'charges or releases'} did not go through`,
      advice:
        'The till was told it was under way; then the provider refused it or it failed. Open it under Needs attention and charge or release it again, or check with the provider.',
      terminal_id: null,
    });
  }
  problems.sort((a, b) => RANK[a.level] - RANK[b.level]);
  // The problem that lends its advice to "no terminal works" is named by where it ends up after sorting.
  const lender = borrowed;
  const sorted = lender
    ? problems.map((p) =>
        p.code === 'no_terminal_works' ? { ...p, params: { advice_of: problems.indexOf(lender) } } : p,
      )
    : problems;
  const first = sorted[0];
  const level: Level = first?.level ?? 'ok';
  const headline = first
    ? sorted.length > 1 && level !== 'down'
      ? `${first.text} (and ${sorted.length - 1} more)`
      : first.text
    : f.terminals.length === 1
      ? 'Card payments work'
      : `Card payments work on all ${f.terminals.length} terminals`;
  return {
    level,
    headline,
    advice: first?.advice ?? '',
    paused: f.paused !== null,
    problems: sorted,
    terminals: { total: f.terminals.length, working },
    queued: f.queued,
    unresolved: f.unresolved,
  };
}
