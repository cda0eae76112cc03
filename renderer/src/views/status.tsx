// The at-a-glance screen: terminals, the offline queue, and what needs a person (alerts).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useFetch, type Live } from '../live.js';
import type { Health, Queue, Status, Terminal, Transaction } from '../types.js';
import { ago, duration, money, providerName, terminalState } from '../words.js';
import { Alerts } from './alerts.js';

function reachability(t: Terminal): string {
  if (t.link) return t.link.online ? 'Connected to this PC' : 'Not connected to this PC';
  if (t.provider_reachability.state === 'closed') return `${providerName(t.provider)} reachable`;
  return `${providerName(t.provider)} cannot be reached`;
}

function lastSeen(t: Terminal, now: number): string {
  const at = t.link?.last_seen_at ?? t.last_seen_at;
  if (!at) return t.link ? 'Not heard from yet' : 'No payment through it yet';
  return `Last heard from ${ago(at, now)}`;
}

function TerminalCard({
  t,
  live,
  running,
  now,
}: {
  t: Terminal;
  live: Live;
  running: Transaction | undefined;
  now: number;
}) {
  const doing = running
    ? `Taking ${money(running.amount_requested, running.currency)} (${running.reference})`
    : undefined;
  const shown = live.display[t.id];
  return (
    <li class={`card terminal state-${t.state}`} data-terminal={t.id}>
      <div class="card-head">
        <strong>{t.name}</strong>
        <span class={`badge state-${t.state}`}>{terminalState(t.state)}</span>
      </div>
      <div class="muted">
        {providerName(t.provider)}
        {t.currency ? ` · ${t.currency}` : ''}
      </div>
      {t.state === 'busy' && doing ? <div>{doing}</div> : null}
      {shown ? (
        <div class="display" aria-label="Terminal display">
          “{shown}”
        </div>
      ) : null}
      <div>{reachability(t)}</div>
      {t.queue_depth > 0 ? <div>{t.queue_depth} waiting to be sent</div> : null}
      <div class="muted">{lastSeen(t, now)}</div>
    </li>
  );
}

function QueuePanel({ queue, onForward }: { queue: Queue; onForward: () => Promise<void> }) {
  const [sending, setSending] = useState(false);
  const exposure = Object.entries(queue.exposure);
  return (
    <section class="panel" aria-labelledby="queue-h">
      <h2 id="queue-h">Waiting to be sent</h2>
      {queue.count === 0 ? (
        <p>Nothing is waiting. Every payment has been sent.</p>
      ) : (
        <>
          <p>
            <strong>{queue.count}</strong> {queue.count === 1 ? 'payment waits' : 'payments wait'} for a provider that
            cannot be reached; oldest {duration(queue.oldest_age_ms)}.
          </p>
          {exposure.length ? <p>Held on trust: {exposure.map(([c, v]) => money(v, c)).join(', ')}</p> : null}
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
        {sending ? 'Sending…' : 'Send now'}
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
        <h2 id="terminals-h">Terminals</h2>
        {terminals.error ? <p class="error">{terminals.error}</p> : null}
        <ul class="cards">
          {(terminals.data?.data ?? []).map((t) => (
            <TerminalCard
              key={t.id}
              t={t}
              live={live}
              now={now}
              running={running.data?.data.find((x) => x.terminal_id === t.id)}
            />
          ))}
        </ul>
      </section>
      <div class="side">
        <Alerts live={live} health={health.data} status={status} now={now} />
        {queue.data ? (
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
