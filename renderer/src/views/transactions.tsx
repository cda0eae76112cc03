// The live list of transactions, newest first, a page at a time; found by part of the reference, the amount
// or the card's last four digits, and narrowed by terminal, state and day.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Terminal, Transaction } from '../types.js';
import { number } from '../i18n/format.js';
import { dateTime, exponentOf, findWords, money, stateTone, transactionState } from '../words.js';
import { ExportButton } from './export-button.js';

const PAGE = 100;
const STATES = [
  'pending',
  'in_progress',
  'authorized',
  'captured',
  'voided',
  'declined',
  'failed',
  'unresolved',
  'expired',
];

export function amountOf(tx: Transaction): number {
  return tx.amount_captured ?? tx.amount_authorized ?? tx.amount_requested;
}

/** What the search box holds, as the API's filters: four digits are the card's last four, a number an amount. */
export function searchParams(text: string, currency: string): string[] {
  const q = text.trim();
  if (!q) return [];
  if (/^\d{4}$/.test(q)) return [`last4=${q}`];
  if (/^\d+([.,]\d+)?$/.test(q)) {
    const minor = Math.round(Number(q.replace(',', '.')) * 10 ** exponentOf(currency));
    if (minor > 0) return [`amount=${minor}`];
  }
  return [`reference_contains=${encodeURIComponent(q.slice(0, 64))}`];
}

/** A day picked in the browser (local midnight) as an ISO instant. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export function TransactionsView({ live }: { live: Live; now: number }) {
  const [query, setQuery] = useState('');
  const [terminal, setTerminal] = useState('');
  const [state, setState] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pages, setPages] = useState(1);
  const terminals = useFetch(() => api.get<{ data: Terminal[] }>('/v1/terminals'), 0);
  const currency = terminals.data?.data.find((t) => t.currency)?.currency ?? 'EUR';
  const start = dayStart(from);
  const end = dayStart(to, 1);
  const filters = [
    ...searchParams(query, currency),
    ...(terminal ? [`terminal_id=${encodeURIComponent(terminal)}`] : []),
    ...(state ? [`state=${state}`] : []),
    ...(start ? [`from=${encodeURIComponent(start)}`] : []),
    ...(end ? [`to=${encodeURIComponent(end)}`] : []),
  ];
  const key = `${filters.join('&')}#${pages}`;
  // Every page up to the ones shown, each from the cursor the one before it ended at.
  const list = useFetch(
    async () => {
      const data: Transaction[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) {
        const page: { data: Transaction[]; next_cursor: string | null } = await api.get(
          `/v1/preauths?${[`limit=${PAGE}`, ...filters, ...(cursor ? [`cursor=${cursor}`] : [])].join('&')}`,
        );
        data.push(...page.data);
        cursor = page.next_cursor;
        if (cursor === null) break;
      }
      return { data, more: cursor !== null };
    },
    live.version,
    key,
  );
  const rows = list.data?.data ?? [];
  const narrowed = filters.length > 0;
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPages(1);
    };
  return (
    <section class="panel" aria-labelledby="tx-h">
      <h2 id="tx-h">{findWords.heading}</h2>
      <div class="filters">
        <label class="search">
          {findWords.search}
          <input
            type="search"
            value={query}
            placeholder={findWords.searchHint(number(12.5, 2))}
            onInput={(e) => reset(setQuery)((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {findWords.terminal}
          <select
            name="terminal"
            value={terminal}
            onChange={(e) => reset(setTerminal)((e.target as HTMLSelectElement).value)}
          >
            <option value="">{findWords.anyTerminal}</option>
            {(terminals.data?.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {findWords.state}
          <select name="state" value={state} onChange={(e) => reset(setState)((e.target as HTMLSelectElement).value)}>
            <option value="">{findWords.anyState}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {transactionState(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {findWords.from}
          <input
            type="date"
            name="from"
            value={from}
            onInput={(e) => reset(setFrom)((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {findWords.to}
          <input type="date" name="to" value={to} onInput={(e) => reset(setTo)((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      <ExportButton filters={filters} />
      {list.error ? <p class="error">{list.error}</p> : null}
      {rows.length === 0 && list.data ? <p>{narrowed ? findWords.noneFound : findWords.none}</p> : null}
      {rows.length ? (
        <table class="tx">
          <thead>
            <tr>
              <th>{findWords.when}</th>
              <th>{findWords.reference}</th>
              <th>{findWords.terminal}</th>
              <th class="num">{findWords.amount}</th>
              <th>{findWords.state}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((tx) => (
              <tr key={tx.id} data-tx={tx.id}>
                <td>{dateTime(tx.created_at)}</td>
                <td>
                  <a href={`#/transactions/${tx.id}`}>{tx.reference}</a>
                </td>
                <td>{tx.terminal_id}</td>
                <td class="num">{money(amountOf(tx), tx.currency)}</td>
                <td>
                  <span class={`badge tone-${stateTone(tx.state)}`} data-state={tx.state}>
                    {transactionState(tx.state)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data?.more ? (
        <button type="button" class="more" onClick={() => setPages(pages + 1)}>
          {findWords.more}
        </button>
      ) : null}
    </section>
  );
}
