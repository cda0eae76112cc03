// The window's event stream against a real HTTP server on loopback that stops sending without closing
// its socket, as a frozen daemon does (SIGSTOP, a stuck event loop): the window must treat it as dropped
// and connect again, not keep showing what it had.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, type EventStream } from '../../renderer/src/event-stream.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** A server whose streams send one event and then go silent, sockets held open. */
async function silentServer(): Promise<{ url: string; connections: () => number; resumedFrom: string[] }> {
  let connections = 0;
  const held: ServerResponse[] = [];
  const resumedFrom: string[] = [];
  const server = createServer((req, res) => {
    connections += 1;
    resumedFrom.push(String(req.headers['last-event-id'] ?? ''));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`id: ${connections}\nevent: tick\ndata: {}\n\n`);
    held.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({
    close: () => {
      for (const res of held) res.destroy();
      server.close();
    },
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    connections: () => connections,
    resumedFrom,
  };
}

function watch(url: string, silenceMs?: number) {
  const seen: string[] = [];
  let stream: EventStream | undefined;
  const done = new Promise<void>((resolve) => {
    stream = openEventStream(url, {
      headers: () => ({}),
      retryMs: 20,
      maxRetryMs: 20,
      ...(silenceMs === undefined ? {} : { silenceMs }),
      onOpen: () => seen.push('open'),
      onMessage: (m) => seen.push(`event ${m.id}`),
      onError: () => {
        seen.push('dropped');
        if (seen.filter((s) => s === 'dropped').length === 2) resolve();
      },
    });
  });
  open.push(stream!);
  return { seen, done };
}

describe('the event stream of a daemon that goes silent', () => {
  it('is dropped after the silence and opened again, resuming after the last event it had', async () => {
    const server = await silentServer();
    const { seen, done } = watch(server.url, 150);
    await done;
    expect(seen.slice(0, 6)).toEqual(['open', 'event 1', 'dropped', 'open', 'event 2', 'dropped']);
    expect(server.resumedFrom.slice(0, 2)).toEqual(['', '1']);
  });

  it('without a silence limit stays on the one connection however long nothing comes', async () => {
    const server = await silentServer();
    const { seen } = watch(server.url);
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toEqual(['open', 'event 1']);
    expect(server.connections()).toBe(1);
  });
});
