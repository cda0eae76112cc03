// How many connections the API holds at once and how long it waits on each one, sized so that a local
// flood (thousands of idle sockets, a request trickled in byte by byte) cannot lock the POS out. Pure:
// the descriptor limit is read by native/fd-limit.ts and passed in.
import { MAX_WAIT_MS } from './prefer.js';

/** `connections` in the config file; its defaults are below. */
export interface ConnectionSettings {
  readonly max: number;
  readonly headers_timeout_ms: number;
  readonly request_timeout_ms: number;
  readonly keep_alive_timeout_ms: number;
}

export interface ConnectionLimits {
  /** Connections held at once; at this many, a newcomer is let in by shedding an idle one (connection-table.ts). */
  readonly maxConnections: number;
  /** The process's open-file limit it was sized against, when one is known. */
  readonly descriptorLimit: number | undefined;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** How often Node looks for connections past the headers or request timeout. */
  readonly checkIntervalMs: number;
}

export const CONNECTION_DEFAULTS: ConnectionSettings = {
  // A POS opens a few connections (.NET's ServicePoint allows 2 per host unless told otherwise), the tray
  // and a status window a few more: 512 is two orders of magnitude of headroom, and an idle socket costs
  // Node a few KiB. Lowered to fit the descriptor limit (see capFor).
  max: 512,
  // A POS on the same PC sends its request line and headers in one write, within a millisecond of
  // connecting; 10 s still covers a PC stalled by an antivirus scan. Node's own 60 s (checked every 30 s)
  // let each silent socket hold a descriptor for up to 90 s.
  headers_timeout_ms: 10_000,
  // The whole request, body included: at most 64 KiB over loopback, milliseconds when sent honestly. A
  // body that trickles in is answered 408 and its connection closed at this point.
  request_timeout_ms: 30_000,
  // Between requests on a kept-alive connection. Legacy .NET clients (HttpWebRequest's ServicePoint)
  // keep an idle connection 100 s and then reuse it for the next request: were the server to close it
  // first, a POST written while the server's close is on its way fails in the client ("A connection that
  // was expected to be kept alive was closed by the server").
  // At 120 s the client always closes first. A flood is not answered by a shorter keep-alive but by the
  // cap: at the cap the idle connections that never carried an authorised request go first, and a POS's
  // own pooled connections only when none of those are left (connection-table.ts).
  keep_alive_timeout_ms: 120_000,
};

// Descriptors the daemon needs besides the API's connections: stdio, SQLite's database, -wal and -shm
// files, the log file, both listeners, the control channel and the tray's connection to it, outbound
// HTTPS to the providers (pooled), serial ports, libuv's own (epoll, eventfd, signal pipe) and, with
// --sandbox, six in-process sandboxes holding both ends of every call made to them. A quarter of the
// limit, and never fewer than 128: running out of descriptors fails the next SQLite open or provider call.
const MIN_RESERVE = 128;
const RESERVE_SHARE = 0.25;

// Below this a POS with a connection pool, the tray and a status window could not all be served at once.
const MIN_CONNECTIONS = 16;

// Silence while a request is in flight: a POST may wait up to 300 s for its answer (Prefer: wait=300)
// without a byte either way, and the event stream writes a heartbeat every 15 s. Past 300 s plus a
// margin the client has stopped reading (its socket's buffers are full), and the socket is closed.
const IDLE_MARGIN_MS = 30_000;

// Node checks the headers and request timeouts on a timer (every 30 s by default), so a timeout fires up
// to one interval late: look at a quarter of the shorter timeout, no more often than every 100 ms and no
// less often than every 5 s. A check walks the list of connections in flight: cheap at a few hundred.
const CHECK_SHARE = 0.25;
const MIN_CHECK_MS = 100;
const MAX_CHECK_MS = 5_000;

export function connectionLimits(settings: ConnectionSettings, descriptorLimit?: number): ConnectionLimits {
  const headersTimeoutMs = settings.headers_timeout_ms;
  // The request timeout runs from the first byte of a request, its headers included; Node refuses a
  // headers timeout longer than it.
  const requestTimeoutMs = Math.max(settings.request_timeout_ms, headersTimeoutMs);
  return {
    maxConnections: capFor(settings.max, descriptorLimit),
    descriptorLimit,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: settings.keep_alive_timeout_ms,
    idleTimeoutMs: MAX_WAIT_MS + IDLE_MARGIN_MS,
    checkIntervalMs: Math.round(Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, Math.min(headersTimeoutMs, requestTimeoutMs) * CHECK_SHARE))),
  };
}

function capFor(configured: number, descriptorLimit: number | undefined): number {
  if (descriptorLimit === undefined) return configured;
  const reserve = Math.max(MIN_RESERVE, Math.ceil(descriptorLimit * RESERVE_SHARE));
  return Math.max(MIN_CONNECTIONS, Math.min(configured, descriptorLimit - reserve));
}

/** The Fastify options that carry the limits to Node's HTTP server (its own `http` options included). */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}
