// The window's event-stream reader (renderer/src/event-stream.ts, fetch() in place of EventSource so the
// session can travel in a header) against the real daemon, through a link that can be unplugged: it
// opens with the session header, resumes after a drop with Last-Event-ID so nothing is missed or
// repeated, and stops when the session is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../../renderer/src/event-stream.js';
import type { SseMessage } from '../../renderer/src/sse-parser.js';
import { createLoginLink } from '../../bridge/ui-login.js';
import { http } from '../helpers/http.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { Link } from '../helpers/link.js';

let d: TestDaemon;
let link: Link;
beforeAll(async () => {
  d = await startTestDaemon();
  link = new Link(d.daemon.port);
  await link.up();
});
afterAll(async () => {
  await link.down();
  await d.stop();
});

/** Everything the reader reported, and a way to wait for a report to come true (no polling). */
function recorder() {
  const r = { opens: 0, errors: [] as Array<number | undefined>, messages: [] as SseMessage[] };
  const waiting = new Set<() => void>();
  const changed = () => waiting.forEach((w) => w());
  const until = (ok: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (ok()) {
          waiting.delete(check);
          resolve();
        }
      };
      waiting.add(check);
      check();
    });
  return {
    r,
    until,
    handlers: {
      onOpen: () => {
        r.opens++;
        changed();
      },
      onError: (status?: number) => {
        r.errors.push(status);
        changed();
      },
      onMessage: (m: SseMessage) => {
        r.messages.push(m);
        changed();
      },
    },
  };
}

async function newSession(): Promise<string> {
  const login = new URLSearchParams(new URL(createLoginLink(d.daemon.store, d.daemon.port).url).hash.slice(1)).get(
    'login',
  );
  return (await http('POST', `${d.url}/ui/session`, { body: { login } })).body.session as string;
}

describe("the window's event stream", () => {
  it('opens with the session header, resumes after a drop without missing or repeating an event, and stops at 401', async () => {
    const session = await newSession();
    const { r, until, handlers } = recorder();
    const stream = openEventStream(`${link.url}/v1/events`, {
      headers: () => ({ authorization: `Bearer ${session}` }),
      ...handlers,
    });
    try {
      await until(() => r.opens === 1);
      const first = await d.call('POST', '/v1/preauths', preauthBody('stream-1'));
      await until(() =>
        r.messages.some((m) => m.type === 'operation.succeeded' && JSON.parse(m.data).transaction_id === first.body.id),
      );

      await link.down();
      await until(() => r.errors.length >= 1);
      const second = await d.call('POST', '/v1/preauths', preauthBody('stream-2'));
      expect(second.status).toBe(201);
      await link.up();
      await until(() =>
        r.messages.some(
          (m) => m.type === 'operation.succeeded' && JSON.parse(m.data).transaction_id === second.body.id,
        ),
      );
      expect(r.opens).toBe(2);

      // Every event of the log from the first one seen, each once, in order: the drop lost none.
      const seen = r.messages.map((m) => Number(m.id));
      const logged = d.daemon.store.events
        .since(seen[0]! - 1, 10_000)
        .map((e) => e.seq)
        .filter((s) => s <= seen.at(-1)!);
      expect(seen).toEqual(logged);
      expect(r.messages.every((m) => JSON.parse(m.data).seq === Number(m.id))).toBe(true);

      // The session ends: the next connection is refused, and the reader says so and stops.
      expect(
        (await http('DELETE', `${d.url}/ui/session`, { headers: { authorization: `Bearer ${session}` } })).status,
      ).toBe(204);
      await link.down();
      await link.up();
      await until(() => r.errors.includes(401));
    } finally {
      stream.close();
    }
  });

  it('after a 401 it goes on if the credential changed meanwhile (a new sign-in in the same tab)', async () => {
    const old = await newSession();
    const fresh = await newSession();
    // The reconnection goes out with the old session just as the page swaps in the new one.
    const given = [old, old];
    const { r, until, handlers } = recorder();
    const stream = openEventStream(`${link.url}/v1/events`, {
      headers: () => ({ authorization: `Bearer ${given.shift() ?? fresh}` }),
      ...handlers,
    });
    try {
      await until(() => r.opens === 1);
      await http('DELETE', `${d.url}/ui/session`, { headers: { authorization: `Bearer ${old}` } });
      await link.down();
      await link.up();
      await until(() => r.errors.includes(401));
      await until(() => r.opens === 2);
      const tx = await d.call('POST', '/v1/preauths', preauthBody('stream-3'));
      await until(() =>
        r.messages.some((m) => m.type === 'operation.succeeded' && JSON.parse(m.data).transaction_id === tx.body.id),
      );
    } finally {
      stream.close();
    }
  });

  it('gets nothing without the session header', async () => {
    const { r, until, handlers } = recorder();
    const stream = openEventStream(`${d.url}/v1/events`, { headers: () => ({}), ...handlers });
    await until(() => r.errors.length === 1);
    stream.close();
    expect(r).toEqual({ opens: 0, errors: [401], messages: [] });
  });
});
