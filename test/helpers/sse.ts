// Clients of GET /v1/events for tests: one that reads as fast as it can and parses every event, and one
// on a raw socket that never reads (paused before it connects) until the test lets it.
import { connect } from 'node:net';
import { request } from 'undici';
import { parseRawResponse } from './raw-http.js';

export interface SseEvent {
  readonly id: number;
  readonly type: string;
  readonly data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface SseReader {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body of an answer that is not a stream (a problem). */
  readonly problem: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly events: SseEvent[];
  /** Resolves once `done(events)` holds; rejects if the stream ends first. */
  until(done: (events: SseEvent[]) => boolean): Promise<void>;
  close(): void;
}

/** Parses whole `id/event/data` blocks off the front of `buf`; returns the rest. */
function takeEvents(buf: string, into: SseEvent[]): string {
  let i: number;
  while ((i = buf.indexOf('\n\n')) >= 0) {
    const block = buf.slice(0, i);
    buf = buf.slice(i + 2);
    const id = /^id: (\d+)$/m.exec(block)?.[1];
    const type = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (id && type && data) into.push({ id: Number(id), type, data: JSON.parse(data) });
  }
  return buf;
}

export async function openEvents(
  url: string,
  key: string,
  query = '',
  headers: Record<string, string> = {},
): Promise<SseReader> {
  const ac = new AbortController();
  const res = await request(`${url}/v1/events${query}`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
    signal: ac.signal,
  });
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : String(v);
  const events: SseEvent[] = [];
  if (res.statusCode !== 200) {
    const text = await res.body.text();
    return {
      status: res.statusCode,
      headers: flat,
      problem: JSON.parse(text),
      events,
      until: () => Promise.reject(new Error(`no stream: ${res.statusCode}`)),
      close: () => ac.abort(),
    };
  }
  const waiters = new Set<{ done: (e: SseEvent[]) => boolean; resolve: () => void; reject: (err: Error) => void }>();
  let ended: Error | undefined;
  void (async () => {
    let buf = '';
    try {
      for await (const chunk of res.body) {
        buf = takeEvents(buf + chunk.toString(), events);
        for (const w of waiters)
          if (w.done(events)) {
            waiters.delete(w);
            w.resolve();
          }
      }
      ended = new Error(`the stream ended after ${events.length} events`);
    } catch (err) {
      ended = err as Error;
    }
    for (const w of waiters) w.reject(ended);
    waiters.clear();
  })();
  return {
    status: res.statusCode,
    headers: flat,
    problem: undefined,
    events,
    until: (done) =>
      new Promise((resolve, reject) => {
        if (done(events)) resolve();
        else if (ended) reject(ended);
        else waiters.add({ done, resolve, reject });
      }),
    close: () => ac.abort(),
  };
}

export interface NonReader {
  /** Starts reading at last and resolves with all the bytes once the server has closed the connection. */
  readToEnd(): Promise<{ status: number; ids: number[]; bytes: number; how: 'end' | 'reset' }>;
  destroy(): void;
}

/** GET /v1/events on a socket that does not read a byte until readToEnd(): the TCP window closes. */
export function nonReader(url: string, key: string, query = ''): NonReader {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  // Paused before it connects, so Node never starts reading from the socket.
  socket.pause();
  socket.write(
    `GET /v1/events${query} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${key}\r\naccept: text/event-stream\r\n\r\n`,
  );
  return {
    readToEnd: () =>
      new Promise((resolve) => {
        const chunks: Buffer[] = [];
        const done = (how: 'end' | 'reset') => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
          resolve({ status: parseRawResponse(raw).status, ids, bytes: raw.length, how });
        };
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.once('end', () => done('end'));
        socket.once('error', () => done('reset'));
        socket.resume();
      }),
    destroy: () => socket.destroy(),
  };
}
