// The at-a-glance screen: terminals, the offline queue, and what needs a person (alerts).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { isCurrent, useFetch, type Live } from '../live.js';
import type { Health, Queue, Status, Terminal, Transaction } from '../types.js';
import { alertWords, cardWords } from '../i18n/status.js';
import {
  ago,
  dateTime,
  duration,
  lastPaymentWords,
  money,
  providerName,
  queueWords,
  reachWords,
  terminalState,
} from '../words.js';
import { Alerts } from './alerts.js';

function reachability(t: Terminal, known: boolean): string {
  if (!known) return reachWords.unknown;
  if (t.link) return reachWords.direct(t.link.online);
  if (t.provider_reachability.state !== 'closed') return reachWords.unreachable(t.provider);
  if (t.provider_reachability.failing) return reachWords.failing(t.provider);
  return reachWords.reachable(t.provider);
}

// A direct (ZVT) link says when the terminal was last heard from; every terminal shows its last payment.
function lastSeen(t: Terminal, now: number): string {
  const at = t.link?.last_seen_at ?? t.last_seen_at;
  if (at) return lastPaymentWords.heard(ago(at, now));
  return t.link ? lastPaymentWords.notHeard : '';
}

function lastPayment(t: Terminal): string {
  const p = t.last_payment;
  return p ? lastPaymentWords.last(money(p.amount, p.currency), dateTime(p.created_at)) : lastPaymentWords.none;
}

function TerminalCard({
  t,
  live,
  running,
  now,
  known,
  waiting,
}: {
  t: Terminal;
  live: Live;
  running: Transaction | undefined;
  now: number;
  known: boolean;
  /** What waits to be sent for this terminal, counted in the same answer the queue panel shows. */
  waiting: number;
}) {
  const doing = running
    ? cardWords.taking(money(running.amount_requested, running.currency), running.reference)
    : undefined;
  const shown = live.display[t.id];
  // While posbridge does not answer (or until it has answered again), its last state is not shown as current.
  const state = known ? t.state : 'unknown';
  return (
    <li class={`card terminal state-${state}`} data-terminal={t.id} data-state={state}>
      <div class="card-head">
        <strong>{t.name}</strong>
        <span class={`badge state-${state}`}>{terminalState(state)}</span>
      </div>
      <div class="muted">
        {providerName(t.provider)}
        {t.currency ? ` · ${t.currency}` : ''}
      </div>
      {t.state === 'busy' && doing ? <div>{doing}</div> : null}
      {shown ? (
        <div class="display" aria-label={cardWords.display}>
          {cardWords.quoted(shown)}
        </div>
      ) : null}
      <div class="reach">{reachability(t, known)}</div>
      {waiting > 0 ? <div class="waiting">{queueWords.onCard(waiting)}</div> : null}
      {lastSeen(t, now) ? <div class="muted">{lastSeen(t, now)}</div> : null}
      <div class="muted last-payment">{lastPayment(t)}</div>
    </li>
  );
}

function QueuePanel({ queue, onForward }: { queue: Queue; onForward: () => Promise<void> }) {
  const [sending, setSending] = useState(false);
  const exposure = Object.entries(queue.exposure);
  return (
    <section class="panel" aria-labelledby="queue-h">
      <h2 id="queue-h">{queueWords.title}</h2>
      {queue.count === 0 ? (
        <p class="waiting-count" data-count={0}>
          {queueWords.none}
        </p>
      ) : (
        <>
          <p class="waiting-count" data-count={queue.count}>
            <strong>{queue.count}</strong> {queueWords.waits(queue.count)}
            {queueWords.oldest(duration(queue.oldest_age_ms))}
          </p>
          {exposure.length ? (
            <p>
              {queueWords.onTrust} {exposure.map(([c, v]) => money(v, c)).join(', ')}
            </p>
          ) : null}
        </>
      )}
      <button
        type="button"
        disabled={sending || queue.count === 0}
        onClick={async () => {
          setSending(true);
          try {
            await onForward();
          } finally {
            setSending(false);
          }
        }}
      >
        {sending ? queueWords.sending : queueWords.send}
      </button>
    </section>
  );
}

export function StatusView({ live, now, status }: { live: Live; now: number; status: Status | undefined }) {
  const terminals = useFetch(() => api.get<{ data: Terminal[] }>('/v1/terminals'), live.version);
  const queue = useFetch(() => api.get<Queue>('/v1/queue'), live.version);
  const health = useFetch(() => api.get<Health>('/v1/health'), live.version);
  const running = useFetch(
    () => api.get<{ data: Transaction[] }>('/v1/preauths?state=in_progress&limit=50'),
    live.version,
  );
  return (
    <div class="columns">
      <section class="panel wide" aria-labelledby="terminals-h">
        <h2 id="terminals-h">{cardWords.terminals}</h2>
        {terminals.error && live.connected ? <p class="error">{terminals.error}</p> : null}
        <ul class="cards">
          {(terminals.data?.data ?? []).map((t) => (
            <TerminalCard
              key={t.id}
              t={t}
              live={live}
              now={now}
              known={isCurrent(live, terminals.loadedFor)}
              running={running.data?.data.find((x) => x.terminal_id === t.id)}
              // From the queue's own answer once it is in, so card and panel cannot disagree between two
              // requests; the terminal's own count only until then (the panel is not shown before it).
              waiting={queue.data ? queue.data.items.filter((i) => i.terminal_id === t.id).length : t.queue_depth}
            />
          ))}
        </ul>
      </section>
      <div class="side">
        {live.connected ? null : (
          <section class="panel" aria-labelledby="unknown-h" data-not-known>
            <h2 id="unknown-h">{alertWords.title}</h2>
            <p>{alertWords.notKnown}</p>
          </section>
        )}
        {live.connected ? <Alerts live={live} health={health.data} status={status} now={now} /> : null}
        {queue.data && live.connected ? (
          <QueuePanel
            queue={queue.data}
            onForward={async () => {
              await api.post('/v1/queue/forward');
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
