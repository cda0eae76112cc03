// End of day: the day's summary per terminal and currency, the holds open too long (each linked to its
// page, where it is charged or released), and for each ZVT terminal its end of day with a confirmation,
// progress, the terminal's totals and receipt, and every difference to posbridge's own charges.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { eodWords as w } from '../i18n/end-of-day.js';
import { dateTime, money, number, today } from '../i18n/format.js';
import { useFetch, type Live } from '../live.js';
import type { Terminal } from '../types.js';
import '../styles/end-of-day.css';
import { TerminalEndOfDay, zone, type EndOfDayRun } from './end-of-day-run.js';

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
interface DaySummary {
  lines: Line[];
  old_open_holds: { older_than_hours: number; data: OpenHold[] };
  end_of_day: { terminal_id: string; last: EndOfDayRun | null }[];
}

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
