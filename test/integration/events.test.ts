// GET /v1/events: server-sent events of every state change, resumable with Last-Event-ID.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon();
});
afterAll(async () => {
  await d.stop();
});

async function readEvents(
  headers: Record<string, string>,
  until: (types: string[]) => boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ id: number; type: string; data: any }[]> {
  const ac = new AbortController();
  const res = await request(`${d.url}/v1/events`, {
    headers: { authorization: `Bearer ${d.key}`, ...headers },
    signal: ac.signal,
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/event-stream/);
  const events: { id: number; type: string; data: unknown }[] = [];
  let buf = '';
  const timer = setTimeout(() => ac.abort(), 10_000);
  try {
    for await (const chunk of res.body) {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const type = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (id && type && data) events.push({ id: Number(id), type, data: JSON.parse(data) });
      }
      if (until(events.map((e) => e.type))) break;
    }
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return events;
}

describe('event stream', () => {
  it("streams a preauth's state changes live, then resumes from Last-Event-ID", async () => {
    const live = readEvents({}, (types) => types.includes('operation.succeeded'));
    await new Promise((r) => setTimeout(r, 100));
    const created = await d.call('POST', '/v1/preauths', preauthBody('sse-1'));
    const events = await live;
    const mine = events.filter((e) => e.data.transaction_id === created.body.id).map((e) => e.type);
    expect(mine).toEqual([
      'transaction.created',
      'operation.queued',
      'transaction.state_changed',
      'operation.started',
      'operation.succeeded',
      'transaction.state_changed',
    ]);
    const stateChanges = events
      .filter((e) => e.type === 'transaction.state_changed' && e.data.transaction_id === created.body.id)
      .map((e) => e.data.data);
    expect(stateChanges).toEqual([
      { from: 'pending', to: 'in_progress' },
      { from: 'in_progress', to: 'authorized' },
    ]);

    const first = events.find((e) => e.data.transaction_id === created.body.id)!;
    const resumed = await readEvents({ 'last-event-id': String(first.id) }, (types) =>
      types.includes('operation.succeeded'),
    );
    expect(resumed[0]!.id).toBe(first.id + 1);
    expect(JSON.stringify(resumed)).not.toMatch(/4111111111111111/);
  });
});
