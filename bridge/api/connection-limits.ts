// How many connections the API holds at once and how long it waits on each one, sized so that a local
// flood (thousands of idle sockets, a request trickled in byte by byte) cannot lock the POS out. Pure:
// the descriptor limit is read by native/fd-limit.ts and passed in.
import { CONNECTION_DEFAULTS, type ConnectionSettings } from '../config/connection-defaults.js';
import { MAX_WAIT_MS } from './prefer.js';

export { CONNECTION_DEFAULTS, type ConnectionSettings };

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
    checkIntervalMs: Math.round(
      Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, Math.min(headersTimeoutMs, requestTimeoutMs) * CHECK_SHARE)),
    ),
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
