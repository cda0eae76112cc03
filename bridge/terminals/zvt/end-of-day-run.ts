// Runs a ZVT terminal's End-of-Day and records it: registration so that the terminal hands its
// end-of-day receipt to posbridge, then 06 50; the terminal's totals are written before the terminal
// hears they arrived; at the end its totals are set against posbridge's captures on that terminal since
// its last closed end of day, and every difference is stored and raised. Nothing is evened out.
import { BridgeError } from '../../core/errors.js';
import { dayOf } from '../../core/day.js';
import type { EndOfDayRequest } from '../../core/channel.js';
import { dayRepos } from '../../store/day-repos.js';
import type { Store } from '../../store/store.js';
import type { CommandSnapshot } from './command-machine.js';
import { endOfDay, registration } from './commands.js';
import { zvtSettings } from './config.js';
import { TerminalOffline, type ZvtDriver } from './driver.js';
import { endOfDayReport, totalsOf, type EndOfDayReport } from './end-of-day.js';
import { compareTotals } from './totals-compare.js';

/**
 * The registration before 06 50: posbridge's usual config (BA) plus 04, "ECR prints administration
 * receipts" (PA00P015 §2.1 Table 1): without it the terminal prints the end-of-day receipt itself and the
 * window could not show it. The extra bit concerns administration receipts only, not payments.
 */
export const END_OF_DAY_CONFIG = 0xbe;

const running = new Set<string>();

/**
 * At start: an end of day still 'running' in the store was cut off when posbridge stopped. Whether the
 * terminal sent the day to its host is not known, so the run becomes 'unknown' (and is said so), never
 * closed or failed.
 */
export function closeInterruptedRuns(store: Store): number {
  const { runs } = dayRepos(store);
  return store.write((w) => {
    const cut = runs.markInterrupted(
      'posbridge stopped while the terminal ran its end of day; whether the day went to the host is not known',
      w.at,
    );
    for (const r of cut)
      w.emit({
        type: 'terminal.end_of_day',
        terminalId: r.terminal_id,
        data: { run_id: r.id, outcome: 'unknown', interrupted: true },
      });
    return cut.length;
  });
}

function failedBeforeEndOfDay(message: string): EndOfDayReport {
  return {
    outcome: 'failed',
    resultCode: null,
    message,
    currency: '',
    totalAmount: null,
    totalCount: null,
    trace: null,
    totals: null,
    receipt: [],
  };
}

export async function runZvtEndOfDay(store: Store, driver: ZvtDriver, req: EndOfDayRequest): Promise<number> {
  const id = req.terminalId;
  const t = store.terminals.get(id);
  if (!t?.enabled) throw new BridgeError('unknown_terminal', `No terminal with id ${id}`);
  if (t.provider !== 'zvt')
    throw new BridgeError(
      'operation_not_supported',
      `${id} is a ${t.provider} terminal; the end-of-day command (06 50) is for ZVT terminals`,
    );
  if (running.has(id) || driver.state(id).busy)
    throw new BridgeError('terminal_busy', `${id} is busy with a payment or an end of day; try again when it is done`);
  running.add(id);
  try {
    return await run(store, driver, req, t.currency ?? 'EUR', t.created_at, t.settings_json);
  } finally {
    running.delete(id);
  }
}

async function run(
  store: Store,
  driver: ZvtDriver,
  req: EndOfDayRequest,
  currency: string,
  pairedAt: string,
  settingsJson: string,
): Promise<number> {
  const { runs, day } = dayRepos(store);
  const id = req.terminalId;
  const s = zvtSettings(JSON.parse(settingsJson) as Record<string, unknown>);
  const since = runs.lastClosed(id)?.finished_at ?? pairedAt;
  const runId = store.write((w) => {
    const n = runs.start(id, w.at, req.requestedBy);
    w.emit({ type: 'terminal.end_of_day_started', terminalId: id, data: { run_id: n, by: req.requestedBy } });
    return n;
  });

  let report: EndOfDayReport;
  try {
    const reg = await driver.run(id, s.transport, registration(s.password, currency, END_OF_DAY_CONFIG), {
      persist: () => {},
    });
    if (reg.state !== 'done') {
      const r = endOfDayReport(reg, currency);
      report = failedBeforeEndOfDay(`The terminal refused the registration before the end of day: ${r.message}`);
    } else {
      // No terminal.display events: the Status page shows a terminal's display text until a payment ends,
      // and an end of day is no payment, so "please wait" would stay on its card afterwards.
      const snap: CommandSnapshot = await driver.run(id, s.transport, endOfDay(s.password), {
        persist: (result) => {
          const totals = totalsOf(result);
          const r = endOfDayReport({ state: 'done', receipt: [], result }, currency);
          store.write(() =>
            runs.recordTotals(runId, {
              currency: r.currency,
              totalAmount: r.totalAmount,
              totalCount: r.totalCount,
              trace: r.trace,
              receiptFrom: totals?.receiptFrom ?? null,
              receiptTo: totals?.receiptTo ?? null,
              cards: totals?.cards ?? [],
            }),
          );
        },
      });
      report = endOfDayReport(snap, currency);
    }
  } catch (err) {
    if (!(err instanceof TerminalOffline)) throw err;
    report = failedBeforeEndOfDay(`The terminal could not be reached: ${err.message}`);
  }

  const until = new Date(store.clock.now()).toISOString();
  const closed = report.outcome === 'closed';
  const ours = closed ? day.capturedOn(id, since, until) : [];
  const theirs = closed
    ? [
        {
          currency: report.currency,
          count: report.totalCount ?? 0,
          amount: report.totalAmount ?? report.totals?.cards.reduce((n, c) => n + c.amount, 0) ?? 0,
        },
      ]
    : [];
  const differences = closed ? compareTotals(theirs, ours) : [];
  const dayName = dayOf(store.clock.now(), req.timeZone);
  store.write((w) => {
    runs.finish(
      runId,
      {
        outcome: report.outcome,
        resultCode: report.resultCode,
        message: report.message,
        receipt: report.receipt.join('\n'),
        comparedSince: closed ? since : null,
        ours,
        differences,
      },
      w.at,
    );
    w.emit({
      type: 'terminal.end_of_day',
      terminalId: id,
      data: {
        run_id: runId,
        outcome: report.outcome,
        result_code: report.resultCode,
        currency: report.currency || null,
        total_amount: report.totalAmount,
        total_count: report.totalCount,
        differences: differences.length,
      },
    });
    for (const d of differences)
      w.emit({
        type: 'reconciliation.difference',
        terminalId: id,
        data: { source: 'zvt', terminal_id: id, day: dayName, run_id: runId, ...d },
      });
  });
  return runId;
}
