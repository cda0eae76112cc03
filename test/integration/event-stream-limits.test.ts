// GET /v1/events cannot be used to exhaust the daemon: a replay of a long log goes out a page at a time
// as the client takes it, with the event loop serving others in between; a client that does not read is
// disconnected (and may resume); the number of streams is bounded.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../bridge/logging.js';
import type { BridgeEvent } from '../../bridge/store/events.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';
import { nonReader, openEvents } from '../helpers/sse.js';

const SEEDED = 60_000;
const CONTENT = 'seeded-event-content';

/** Warnings the daemon logs, as parsed lines; waitFor resolves on the first that matches. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    match: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  const log = createLogger('warn', {
    write(line: string) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      for (const w of [...waiters])
        if (w.match(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
    },
  });
  const waitFor = (match: (l: Record<string, unknown>) => boolean, what: string, ms = 20_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = lines.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`not logged within ${ms} ms: ${what}`)), ms);
      waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  return { log, lines, waitFor };
}

const isDrop = (l: Record<string, unknown>) => String(l.msg).startsWith('event stream closed');

/** Tens of thousands of events through the store, in one write transaction. */
function seed(d: TestDaemon, count: number): number {
  let last = 0;
  d.daemon.store.write((w) => {
    for (let n = 0; n < count; n++)
      last = w.emit({
        type: 'test.seeded',
        transactionId: `tx-${n % 997}`,
        data: { n, note: `${CONTENT} ${'x'.repeat(120)}` },
      }).seq;
  });
  return last;
}

/** Counts the pages a replay reads from the log, and when it read its last one (shorter than asked). */
function watchPages(d: TestDaemon) {
  const events = d.daemon.store.events;
  const read = events.since.bind(events);
  const state = { count: 0, caughtUpAt: undefined as number | undefined, onPage: new Map<number, () => void>() };
  const spy = vi.spyOn(events, 'since').mockImplementation((seq: number, limit = 500): BridgeEvent[] => {
    const page = read(seq, limit);
    state.count++;
    if (page.length < limit) state.caughtUpAt ??= state.count;
    state.onPage.get(state.count)?.();
    return page;
  });
  return Object.assign(state, { restore: () => spy.mockRestore() });
}

describe('a long replay', () => {
  let d: TestDaemon;
  let lastSeeded: number;
  const logs = logCapture();
  beforeAll(async () => {
    d = await startTestDaemon({ event_stream: { stall_ms: 2_000 } }, { log: logs.log });
    lastSeeded = seed(d, SEEDED);
  });
  afterAll(async () => {
    await d.stop();
  });

  it('disconnects a client that never reads, and logs it once at warn without event content', async () => {
    const client = nonReader(d.url, d.key, '?since=0');
    const drop = await logs.waitFor(isDrop, 'the non-reading stream closed');
    expect(drop.level).toBe(40);
    expect(drop.reason).toBe('stalled');
    expect(JSON.stringify(drop)).not.toContain(CONTENT);
    // Now it reads: what the kernel still held for it, then the end the server gave it.
    const got = await client.readToEnd();
    expect(got.status).toBe(200);
    expect(got.ids.length).toBeGreaterThan(0);
    expect(got.ids.at(-1)).toBeLessThan(lastSeeded);
    expect(got.ids.at(-1)).toBeLessThanOrEqual(drop.sent_through_seq as number);
    expect(logs.lines.filter(isDrop)).toHaveLength(1);
  });

  it('answers /v1/health and takes a preauth between two pages of one replay', async () => {
    const pages = watchPages(d);
    const answered: Record<string, { status: number; atPage: number }> = {};
    pages.onPage.set(1, () => {
      void http('GET', `${d.url}/v1/health`).then((r) => {
        answered.health = { status: r.status, atPage: pages.count };
      });
      void d.call('POST', '/v1/preauths', preauthBody('sse-during-replay'), { prefer: 'respond-async' }).then((r) => {
        answered.preauth = { status: r.status, atPage: pages.count };
      });
    });
    const stream = await openEvents(d.url, d.key, '?since=0');
    try {
      await stream.until(
        (events) => (events.at(-1)?.id ?? 0) >= lastSeeded && events.some((e) => e.type === 'transaction.created'),
      );
      await eventually(() => pages.caughtUpAt);
    } finally {
      stream.close();
      pages.restore();
    }
    expect(answered.health?.status).toBe(200);
    expect(answered.preauth?.status).toBe(202);
    // Pages of event_stream.page_size (500 by default).
    expect(pages.caughtUpAt).toBeGreaterThanOrEqual(SEEDED / 500);
    expect(answered.health!.atPage).toBeLessThan(pages.caughtUpAt!);
    expect(answered.preauth!.atPage).toBeLessThan(pages.caughtUpAt!);
  });

  it('gives a reading client every event once, in seq order, with those committed during its replay and after', async () => {
    const pages = watchPages(d);
    const committedAt: number[] = [];
    const emitLive = (type: string) =>
      d.daemon.store.write((w) => {
        for (let i = 0; i < 3; i++) w.emit({ type, data: { i } });
      });
    // Committed on a later turn of the event loop than the page that triggers them, as a POS request would be.
    for (const page of [2, 40])
      pages.onPage.set(page, () =>
        setImmediate(() => {
          emitLive('test.during');
          committedAt.push(pages.count);
        }),
      );
    const stream = await openEvents(d.url, d.key, '?since=0');
    try {
      await stream.until(
        (events) =>
          events.filter((e) => e.type === 'test.during').length === 6 && (events.at(-1)?.id ?? 0) >= lastSeeded,
      );
      await eventually(() => pages.caughtUpAt);
      emitLive('test.after');
      await stream.until((events) => events.filter((e) => e.type === 'test.after').length === 3);
    } finally {
      stream.close();
      pages.restore();
    }
    expect(committedAt).toHaveLength(2);
    for (const at of committedAt) expect(at).toBeLessThan(pages.caughtUpAt!);
    const ids = stream.events.map((e) => e.id);
    const logged = d.daemon.store.db
      .prepare('SELECT seq FROM events WHERE seq <= ? ORDER BY seq')
      .pluck()
      .all(ids.at(-1)) as number[];
    expect(ids).toEqual(logged);
  });

  it('loses nothing when a listener commits an event while others are still being published', async () => {
    const store = d.daemon.store;
    // Registered before the stream's own listener, so the stream hears of the nested event first.
    const nest = (e: BridgeEvent) => {
      if (e.type === 'test.first') store.write((w) => w.emit({ type: 'test.nested' }));
    };
    store.bus.on('event', nest);
    const stream = await openEvents(d.url, d.key);
    try {
      const ready = store.write((w) => w.emit({ type: 'test.ready' }));
      await stream.until((events) => events.some((e) => e.id === ready.seq));
      store.write((w) => {
        w.emit({ type: 'test.first' });
        w.emit({ type: 'test.second' });
      });
      await stream.until((events) => events.some((e) => e.type === 'test.nested'));
    } finally {
      stream.close();
      store.bus.off('event', nest);
    }
    expect(stream.events.map((e) => e.type)).toEqual(['test.ready', 'test.first', 'test.second', 'test.nested']);
    expect(stream.events.map((e) => e.id)).toEqual([0, 1, 2, 3].map((i) => stream.events[0]!.id + i));
  });
});

describe('bounds on streams', () => {
  let d: TestDaemon;
  const logs = logCapture();
  beforeAll(async () => {
    d = await startTestDaemon(
      { event_stream: { max_streams: 3, retry_after_s: 7, max_buffered_bytes: 8_192 } },
      { log: logs.log },
    );
  });
  afterAll(async () => {
    await d.stop();
  });

  it('refuses a stream over max_streams with 503 too_many_streams and Retry-After, and leaves the open ones alone', async () => {
    const open = await Promise.all([1, 2, 3].map(() => openEvents(d.url, d.key)));
    try {
      expect(open.map((s) => s.status)).toEqual([200, 200, 200]);
      const refused = await openEvents(d.url, d.key);
      refused.close();
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toBe('7');
      expect(refused.problem).toMatchObject({ code: 'too_many_streams', status: 503, result: 'refused' });
      expect((await http('GET', `${d.url}/v1/health`)).status).toBe(200);
      const live = d.daemon.store.write((w) => w.emit({ type: 'test.live' }));
      await Promise.all(open.map((s) => s.until((events) => events.some((e) => e.id === live.seq))));
      // A closed stream gives its place back.
      open.shift()!.close();
      const again = await eventually(async () => {
        const s = await openEvents(d.url, d.key);
        if (s.status === 200) return s;
        s.close();
        return undefined;
      });
      open.push(again);
    } finally {
      for (const s of open) s.close();
    }
  });

  it('disconnects a client with more than max_buffered_bytes waiting for it', async () => {
    seed(d, 20_000);
    const client = nonReader(d.url, d.key, '?since=0');
    const drop = await logs.waitFor(isDrop, 'the stream over its byte bound closed');
    expect(drop.reason).toBe('buffer_full');
    expect(drop.buffered_bytes).toBeGreaterThan(8_192);
    expect(JSON.stringify(drop)).not.toContain(CONTENT);
    const got = await client.readToEnd();
    expect(got.status).toBe(200);
  });
});
