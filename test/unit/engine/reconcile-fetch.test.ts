// How a provider's records are read: one request after another, a 429's Retry-After honoured once, a
// single payment's failed lookup left unchecked, a provider failing every time or past its limits "could
// not check". The channel here answers from a script; the sandboxes are exercised in test/integration.
import { describe, expect, it } from 'vitest';
import type { HttpReply } from '../../../bridge/core/connector.js';
import type { RecordReader, RecordRequest } from '../../../bridge/core/provider-records.js';
import { fetchRecords, type RecordsChannel } from '../../../bridge/engine/reconcile/fetch.js';
import type { Exchange } from '../../../bridge/engine/http-executor.js';

const scope = { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z', ours: [], terminals: [] };
const req = (about?: string): RecordRequest => ({
  method: 'GET',
  url: `http://provider.invalid/${about ?? 'list'}`,
  headers: {},
  auth: 'none',
  ...(about ? { about } : {}),
});
const reply = (status: number, body: unknown = {}, headers: Record<string, string> = {}): Exchange => ({
  kind: 'reply',
  reply: { status, headers, body },
  sent: req(),
});
const down: Exchange = {
  kind: 'failed',
  failure: { reason: 'connect ECONNREFUSED', code: 'ECONNREFUSED', notSent: true },
  sent: req(),
};

/** A reader that takes 200 {id} as one payment and anything else as unreadable. */
function reader(plan: RecordRequest[], coverage: 'day' | 'each' = 'each'): RecordReader {
  return {
    coverage,
    plan: () => plan,
    read: (r: HttpReply, request) =>
      r.status === 200
        ? {
            kind: 'read',
            theirs: [
              {
                providerRef: String((r.body as { id?: string }).id),
                transactionId: request.about ?? null,
                currency: 'EUR',
                authorized: 100,
                captured: null,
                state: 'authorized',
                status: 'ok',
              },
            ],
          }
        : { kind: 'unreadable', why: `answered ${r.status}` },
  };
}

function channel(r: RecordReader, answers: Exchange[]): RecordsChannel & { sent: string[] } {
  const sent: string[] = [];
  return {
    reader: r,
    sent,
    send: async (request) => {
      sent.push(request.url);
      return answers.shift() ?? reply(500);
    },
  };
}

const limits = (over: Partial<{ maxRequests: number; budgetMs: number }> = {}) => {
  const slept: number[] = [];
  return {
    slept,
    budgetMs: over.budgetMs ?? 10_000,
    pauseMs: 5,
    maxRequests: over.maxRequests ?? 100,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
  };
};

describe('fetchRecords', () => {
  it('asks one after another with a pause between, and waits out a 429 once', async () => {
    const ch = channel(reader([req('a'), req('b')]), [
      reply(200, { id: 'A' }),
      reply(429, {}, { 'retry-after': '2' }),
      reply(200, { id: 'B' }),
    ]);
    const l = limits();
    const got = await fetchRecords(ch, scope, l);
    expect(got).toMatchObject({ kind: 'read', missing: [], failed: [] });
    expect(got.kind === 'read' && got.theirs.map((t) => t.providerRef)).toEqual(['A', 'B']);
    expect(ch.sent).toEqual(['http://provider.invalid/a', 'http://provider.invalid/b', 'http://provider.invalid/b']);
    expect(l.slept).toEqual([5, 2_000]);
  });

  it('leaves one payment unchecked when only its lookup fails', async () => {
    const got = await fetchRecords(
      channel(reader([req('a'), req('b'), req('c')]), [reply(200, { id: 'A' }), reply(500), reply(200, { id: 'C' })]),
      scope,
      limits(),
    );
    expect(got).toMatchObject({ kind: 'read', failed: [{ transactionId: 'b', why: 'answered 500' }] });
  });

  it('gives up as "could not check" when the provider fails three lookups in a row', async () => {
    const got = await fetchRecords(
      channel(reader([req('a'), req('b'), req('c'), req('d')]), [down, down, down]),
      scope,
      limits(),
    );
    expect(got).toEqual({ kind: 'could_not_check', why: 'the provider could not be reached (connect ECONNREFUSED)' });
  });

  it('cannot check a day whose one record cannot be read', async () => {
    const got = await fetchRecords(channel(reader([req()], 'day'), [reply(503)]), scope, limits());
    expect(got).toEqual({ kind: 'could_not_check', why: 'answered 503' });
  });

  it('stops at the request limit rather than reading on', async () => {
    const got = await fetchRecords(
      channel(reader([req('a'), req('b'), req('c')]), [reply(200, { id: 'A' }), reply(200, { id: 'B' })]),
      scope,
      limits({ maxRequests: 2 }),
    );
    expect(got).toEqual({ kind: 'could_not_check', why: 'the records need more than 2 requests' });
  });
});
