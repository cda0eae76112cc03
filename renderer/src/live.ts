// Live updates: the daemon's event stream (GET /v1/events) bumps a version number that views re-fetch
// on, a little debounced so a burst of events costs one round of requests. The terminal's own display
// text (ZVT "insert card", …) comes from terminal.display events until the operation ends.
import { useEffect, useRef, useState } from 'preact/hooks';
import { openEventStream } from './event-stream.js';
import { currentSession, sessionHeaders, sessionRefused } from './session.js';

const WATCHED = [
  'transaction.created',
  'transaction.updated',
  'transaction.state_changed',
  'transaction.preauth_complete',
  'transaction.resolved',
  'operation.started',
  'operation.succeeded',
  'operation.failed',
  'operation.unresolved',
  'operation.queued_offline',
  'operation.retry_scheduled',
  'provider.unreachable',
  'provider.reachable',
  'provider.probing',
  'provider.failing',
  'provider.answering',
  'terminal.registered',
  'terminal.removed',
  'terminal.paired',
  'terminal.online',
  'terminal.offline',
  'hold.expiring',
  'hold.expired',
  'intake.paused',
  'intake.resumed',
  'alert.unresolved',
  'alert.queue_expired',
  'alert.orphan_hold',
  // Another window's (or the POS's) end of day or reconciliation shows here without a reload.
  'terminal.end_of_day_started',
  'terminal.end_of_day',
  'reconciliation.difference',
  'reconciliation.finished',
];
const ENDS = new Set(['operation.succeeded', 'operation.failed', 'operation.unresolved']);
/** Remote terminal states (Blink's cloud) change without an event of ours: look again now and then. */
const POLL_MS = 15_000;

export interface Live {
  readonly version: number;
  readonly display: Readonly<Record<string, string>>;
  /** The event stream is open: what the window shows is current. False as soon as it drops. */
  readonly connected: boolean;
  /** The version fetched when the stream last opened: data loaded for an older version may predate a restart. */
  readonly openedAt: number;
}

export function useLive(): Live {
  const [version, setVersion] = useState(0);
  const [display, setDisplay] = useState<Record<string, string>>({});
  const [connected, setConnected] = useState(true);
  const [openedAt, setOpenedAt] = useState(0);
  const counter = useRef(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bumpNow = () => {
      counter.current += 1;
      setVersion(counter.current);
    };
    const bump = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        bumpNow();
      }, 150);
    };
    const watched = new Set(WATCHED);
    let session: string | undefined;
    const source = openEventStream('/v1/events', {
      // A dropped stream is how the window learns posbridge stopped; trying again every second finds it
      // back within a second of it running again.
      retryMs: 1_000,
      maxRetryMs: 1_000,
      // Three of the daemon's 2 s heartbeats missed: frozen, not merely quiet.
      silenceMs: 6_000,
      headers: () => sessionHeaders((session = currentSession())),
      onOpen: () => {
        // Everything is fetched afresh at once; until it is back, what was shown before is not current.
        bumpNow();
        setOpenedAt(counter.current);
        setConnected(true);
      },
      onError: (status) => {
        setConnected(false);
        if (status === 401) sessionRefused(session);
      },
      onMessage: ({ type, data }) => {
        if (type === 'terminal.display') {
          const event = JSON.parse(data) as { terminal_id: string | null; data: { text: string | null } };
          if (event.terminal_id && event.data.text)
            setDisplay((d) => ({ ...d, [event.terminal_id!]: event.data.text! }));
          return;
        }
        if (!watched.has(type)) return;
        const event = JSON.parse(data) as { terminal_id: string | null };
        if (ENDS.has(type) && event.terminal_id) {
          const id = event.terminal_id;
          setDisplay((d) => {
            const { [id]: _gone, ...rest } = d;
            return rest;
          });
        }
        bump();
      },
    });
    const poll = setInterval(bump, POLL_MS);
    return () => {
      source.close();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
    };
  }, []);
  return { version, display, connected, openedAt };
}

/**
 * Fetches on mount and whenever `version` changes; keeps the last good data while a new fetch runs.
 * `loadedFor` is the version the data was fetched for (-1 before any).
 */
export function useFetch<T>(
  load: () => Promise<T>,
  version: number,
  key = '',
): { data: T | undefined; error: string | undefined; loadedFor: number } {
  const [data, setData] = useState<{ value: T; version: number } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let stale = false;
    load().then(
      (d) => {
        if (!stale) {
          setData({ value: d, version });
          setError(undefined);
        }
      },
      (err: Error) => {
        if (!stale) setError(err.message);
      },
    );
    return () => {
      stale = true;
    };
  }, [version, key]);
  return { data: data?.value, error, loadedFor: data?.version ?? -1 };
}

/** Data shown as current: the stream is open and the data was fetched since it opened. */
export function isCurrent(live: Live, loadedFor: number): boolean {
  return live.connected && loadedFor >= live.openedAt;
}
