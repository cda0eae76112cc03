// One ZVT terminal's end of day on the End of day page: "Run end of day" with its confirmation, progress
// while it runs, then the outcome, every difference to posbridge's charges, the totals and the receipt.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { eodWords as w } from '../i18n/end-of-day.js';
import { dateTime, money, number } from '../i18n/format.js';

/** The store's time zone as the browser knows it (the window runs on the POS PC). */
export const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface Difference {
  kind: 'count' | 'amount' | 'currency_missing_at_terminal' | 'currency_missing_here';
  currency: string;
  ours: number | null;
  theirs: number | null;
}
export interface EndOfDayRun {
  id: number;
  terminal_id: string;
  started_at: string;
  finished_at: string | null;
  outcome: 'running' | 'closed' | 'failed' | 'unknown';
  result_code: number | null;
  currency: string | null;
  total_amount: number | null;
  total_count: number | null;
  receipt_from: string | null;
  receipt_to: string | null;
  cards: { card: string; count: number; amount: number }[];
  receipt: string[];
  compared_since: string | null;
  differences: Difference[];
}

const CARD_NAMES: Record<string, string> = {
  girocard: 'girocard',
  jcb: 'JCB',
  eurocard: 'Mastercard',
  amex: 'American Express',
  visa: 'Visa',
  diners: 'Diners Club',
};

type Phase = { at: 'idle' } | { at: 'confirm' } | { at: 'running' } | { at: 'refused'; message: string };

export function TerminalEndOfDay(props: {
  id: string;
  name: string;
  last: EndOfDayRun | null;
  onDone: () => void;
  connected: boolean;
}) {
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [result, setResult] = useState<EndOfDayRun | undefined>(undefined);
  const run = result ?? props.last;
  const start = async () => {
    setPhase({ at: 'running' });
    try {
      const r = await api.post<EndOfDayRun>(
        `/v1/terminals/${encodeURIComponent(props.id)}/end-of-day?tz=${encodeURIComponent(zone())}`,
      );
      setResult(r);
      setPhase({ at: 'idle' });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setPhase({
        at: 'refused',
        message: code === 'terminal_busy' ? w.busy : code === 'daemon_unreachable' ? w.unknown : (err as Error).message,
      });
    }
    props.onDone();
  };
  return (
    <article class="eod-terminal" data-terminal={props.id} data-phase={phase.at} aria-busy={phase.at === 'running'}>
      <header>
        <strong>{props.name}</strong>
        {run && phase.at !== 'running' ? (
          <span class="muted">{w.lastRun(dateTime(run.finished_at ?? run.started_at))}</span>
        ) : null}
      </header>
      {phase.at === 'idle' || phase.at === 'refused' ? (
        <button type="button" disabled={!props.connected} onClick={() => setPhase({ at: 'confirm' })}>
          {w.run}
        </button>
      ) : null}
      {phase.at === 'confirm' ? (
        <div class="eod-confirm" role="alertdialog" aria-labelledby={`eod-c-${props.id}`}>
          <p id={`eod-c-${props.id}`}>{w.confirm(props.name)}</p>
          <button type="button" class="primary" onClick={() => void start()}>
            {w.confirmYes}
          </button>{' '}
          <button type="button" class="link" onClick={() => setPhase({ at: 'idle' })}>
            {w.cancel}
          </button>
        </div>
      ) : null}
      {phase.at === 'running' ? (
        <div class="eod-running" role="status">
          <span class="eod-spinner" aria-hidden="true" /> {w.running}
        </div>
      ) : null}
      {phase.at === 'refused' ? <p class="error">{phase.message}</p> : null}
      {phase.at !== 'running' ? run ? <RunResult run={run} /> : <p class="muted">{w.never}</p> : null}
    </article>
  );
}

function outcomeText(run: EndOfDayRun): { tone: 'ok' | 'degraded' | 'down' | 'neutral'; text: string } {
  if (run.outcome === 'closed')
    return run.differences.length ? { tone: 'degraded', text: w.closedDiffer } : { tone: 'ok', text: w.closedAgree };
  if (run.outcome === 'failed')
    return { tone: 'down', text: run.result_code === null ? `${w.failed} ${w.unreachable}` : w.failed };
  // Running elsewhere (another window, the API), or taken on and never finished: neither green nor red.
  if (run.outcome === 'running') return { tone: 'neutral', text: w.runningNow };
  return { tone: 'degraded', text: w.unknown };
}

function differenceText(d: Difference): string {
  const m = (n: number | null) => money(n, d.currency);
  switch (d.kind) {
    case 'count':
      return w.diffCount(number(d.ours ?? 0), number(d.theirs ?? 0));
    case 'amount':
      return w.diffAmount(m(d.ours), m(d.theirs));
    case 'currency_missing_at_terminal':
      return w.diffMissingTerminal(d.currency, m(d.ours));
    case 'currency_missing_here':
      return w.diffMissingHere(d.currency, m(d.theirs));
  }
}

function RunResult({ run }: { run: EndOfDayRun }) {
  const o = outcomeText(run);
  const currency = run.currency ?? 'EUR';
  return (
    <div class={`eod-result tone-${o.tone}`} data-outcome={run.outcome} data-differences={run.differences.length}>
      <p class="eod-outcome">{o.text}</p>
      {run.result_code !== null && run.result_code !== 0 ? (
        <p class="muted">{w.resultCode(run.result_code.toString(16).toUpperCase().padStart(2, '0'))}</p>
      ) : null}
      {run.differences.length ? (
        <div class="eod-differences">
          <h4>{w.differences}</h4>
          <ul>
            {run.differences.map((d) => (
              <li key={`${d.kind}/${d.currency}`} data-kind={d.kind}>
                {differenceText(d)}
              </li>
            ))}
          </ul>
          <p>{w.diffAdvice}</p>
          {run.compared_since ? <p class="muted">{w.since(dateTime(run.compared_since))}</p> : null}
        </div>
      ) : null}
      {run.outcome === 'closed' ? (
        <div class="eod-totals-receipt">
          <table class="eod-totals">
            <caption>{w.totals}</caption>
            <thead>
              <tr>
                <th>{w.card}</th>
                <th class="num">{w.count}</th>
                <th class="num">{w.amount}</th>
              </tr>
            </thead>
            <tbody>
              {run.cards.map((c) => (
                <tr key={c.card}>
                  <td>{CARD_NAMES[c.card] ?? w.other}</td>
                  <td class="num">{number(c.count)}</td>
                  <td class="num">{money(c.amount, currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{w.total}</th>
                <th class="num">{number(run.total_count ?? 0)}</th>
                <th class="num">{money(run.total_amount, currency)}</th>
              </tr>
            </tfoot>
          </table>
          <div class="eod-receipt">
            <h4>{w.receipt}</h4>
            {run.receipt_from && run.receipt_to && run.receipt_from !== '0000' ? (
              <p class="muted">{w.receipts(run.receipt_from, run.receipt_to)}</p>
            ) : null}
            {run.receipt.length ? <pre>{run.receipt.join('\n')}</pre> : <p class="muted">{w.noReceipt}</p>}
          </div>
        </div>
      ) : null}
    </div>
  );
}
