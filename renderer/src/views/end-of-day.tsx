// End of day: the day's summary per terminal and currency, the holds open too long (each linked to its
// page, where it is charged or released), and for each ZVT terminal its end of day with a confirmation,
// progress, the terminal's totals and receipt, and every difference to posbridge's own charges.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { eodWords as w } from '../i18n/end-of-day.js';
import { dateTime, money, number } from '../i18n/format.js';
import { useFetch, type Live } from '../live.js';
import type { Terminal } from '../types.js';
import '../styles/end-of-day.css';

const BUCKETS = ['authorised', 'captured', 'released', 'still_open', 'declined', 'in_doubt'] as const;
type Bucket = (typeof BUCKETS)[number];
interface Figure {
  count: number;
  amount: number;
}
type Line = { terminal_id: string; currency: string } & Record<Bucket, Figure>;
interface OpenHold {
  id: string;
  terminal_id: string;
  reference: string;
  currency: string;
  amount_authorized: number | null;
  card_masked_pan: string | null;
  created_at: string;
}
interface Difference {
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
interface DaySummary {
  lines: Line[];
  old_open_holds: { older_than_hours: number; data: OpenHold[] };
  end_of_day: { terminal_id: string; last: EndOfDayRun | null }[];
}

const CARD_NAMES: Record<string, string> = {
  girocard: 'girocard',
  jcb: 'JCB',
  eurocard: 'Mastercard',
  amex: 'American Express',
  visa: 'Visa',
  diners: 'Diners Club',
};

/** Today in the browser's calendar, as the date input writes it. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function EndOfDayView({ live }: { live: Live }) {
  const [dayPicked, setDay] = useState(today());
  const [ran, setRan] = useState(0);
  const [allHolds, setAllHolds] = useState(false);
  const summary = useFetch(
    () =>
      api.get<DaySummary>(
        `/v1/days/${dayPicked}?tz=${encodeURIComponent(zone())}${allHolds ? '&older_than_hours=0' : ''}`,
      ),
    live.version + ran,
    `${dayPicked}/${allHolds}`,
  );
  const terminals = useFetch(() => api.get<{ data: Terminal[] }>('/v1/terminals'), live.version);
  const name = (id: string) => terminals.data?.data.find((t) => t.id === id)?.name ?? id;
  const s = summary.data;
  return (
    <section class="panel eod" aria-labelledby="eod-h">
      <h2 id="eod-h">{w.heading}</h2>
      <label class="eod-day">
        {w.day}
        <input
          type="date"
          name="day"
          value={dayPicked}
          onInput={(e) => setDay((e.target as HTMLInputElement).value || today())}
        />
      </label>
      {summary.error ? <p class="error">{summary.error}</p> : null}
      {!s ? <p class="muted">{w.loading}</p> : null}
      {s ? <SummaryTable lines={s.lines} name={name} /> : null}
      {s ? <OldHolds holds={s.old_open_holds} name={name} all={allHolds} onAll={setAllHolds} /> : null}
      {s ? (
        <ZvtEndOfDay runs={s.end_of_day} name={name} onDone={() => setRan((n) => n + 1)} connected={live.connected} />
      ) : null}
    </section>
  );
}

function SummaryTable({ lines, name }: { lines: Line[]; name: (id: string) => string }) {
  if (!lines.length) return <p class="eod-none">{w.noPayments}</p>;
  const doubt = lines.some((l) => l.in_doubt.count > 0);
  return (
    <>
      <h3>{w.summary}</h3>
      <table class="eod-summary">
        <thead>
          <tr>
            <th>{w.terminal}</th>
            {BUCKETS.map((b) => (
              <th key={b} class="num">
                {w[b]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={`${l.terminal_id}/${l.currency}`} data-terminal={l.terminal_id} data-currency={l.currency}>
              <td>
                {name(l.terminal_id)} <span class="muted">{l.currency}</span>
              </td>
              {BUCKETS.map((b) => (
                <td
                  key={b}
                  class={`num${b === 'in_doubt' && l[b].count ? ' eod-doubt' : ''}`}
                  data-bucket={b}
                  data-count={l[b].count}
                  data-amount={l[b].amount}
                >
                  {l[b].count ? (
                    <>
                      <span class="eod-count">{number(l[b].count)} ×</span> {money(l[b].amount, l.currency)}
                    </>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {doubt ? <p class="eod-doubt-note">{w.inDoubtNote}</p> : null}
    </>
  );
}

function OldHolds({
  holds,
  name,
  all,
  onAll,
}: {
  holds: DaySummary['old_open_holds'];
  name: (id: string) => string;
  all: boolean;
  onAll: (all: boolean) => void;
}) {
  return (
    <div class="eod-holds">
      <h3>{all ? w.allHolds : w.oldHolds(holds.older_than_hours)}</h3>
      <label class="eod-all">
        <input
          type="checkbox"
          name="all-holds"
          checked={all}
          onChange={(e) => onAll((e.target as HTMLInputElement).checked)}
        />{' '}
        {w.showAll}
      </label>
      {holds.data.length === 0 ? (
        <p class="muted">{all ? w.allHoldsNone : w.oldHoldsNone}</p>
      ) : (
        <>
          <p>{w.oldHoldsAdvice}</p>
          <table class="eod-holds-table">
            <thead>
              <tr>
                <th>{w.openSince}</th>
                <th>{w.reference}</th>
                <th>{w.terminal}</th>
                <th>{w.card}</th>
                <th class="num">{w.amount}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {holds.data.map((h) => (
                <tr key={h.id} data-hold={h.id}>
                  <td>{dateTime(h.created_at)}</td>
                  <td>{h.reference}</td>
                  <td>{name(h.terminal_id)}</td>
                  <td>{h.card_masked_pan ?? '—'}</td>
                  <td class="num">{money(h.amount_authorized, h.currency)}</td>
                  <td>
                    <a href={`#/transactions/${encodeURIComponent(h.id)}`}>{w.act}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function ZvtEndOfDay({
  runs,
  name,
  onDone,
  connected,
}: {
  runs: DaySummary['end_of_day'];
  name: (id: string) => string;
  onDone: () => void;
  connected: boolean;
}) {
  return (
    <div class="eod-zvt">
      <h3>{w.zvtHeading}</h3>
      {runs.length === 0 ? <p class="muted">{w.noZvt}</p> : <p>{w.zvtIntro}</p>}
      {runs.map((r) => (
        <TerminalEndOfDay
          key={r.terminal_id}
          id={r.terminal_id}
          name={name(r.terminal_id)}
          last={r.last}
          onDone={onDone}
          connected={connected}
        />
      ))}
    </div>
  );
}

type Phase = { at: 'idle' } | { at: 'confirm' } | { at: 'running' } | { at: 'refused'; message: string };

function TerminalEndOfDay(props: {
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
