// Bad input gets problem+json with a stable code, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({ allowed_origins: ['https://pos.example'] });
});
afterAll(async () => {
  await d.stop();
});

function counts() {
  const db = d.daemon.store.db;
  return ['transactions', 'operations', 'attempts'].map((t) =>
    db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).pluck().get(),
  );
}

async function refusedWithNothingWritten(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send: () => Promise<{ status: number; headers: Record<string, string>; body: any }>,
  status: number,
  code: string,
) {
  const before = counts();
  const r = await send();
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({
    status,
    code,
    type: expect.stringContaining(code),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(counts()).toEqual(before);
  return r.body;
}

describe('the API refuses', () => {
  it('requests without an API key, or with a wrong one (401)', async () => {
    await refusedWithNothingWritten(
      () => http('POST', `${d.url}/v1/preauths`, { body: preauthBody('nokey') }),
      401,
      'unauthorized',
    );
    await refusedWithNothingWritten(
      () =>
        http('POST', `${d.url}/v1/preauths`, {
          body: preauthBody('badkey'),
          headers: { authorization: 'Bearer pbk_wrong' },
        }),
      401,
      'unauthorized',
    );
    await refusedWithNothingWritten(() => http('GET', `${d.url}/v1/events`), 401, 'unauthorized');
  });

  it('a Host that is not a loopback name (DNS rebinding) (403)', async () => {
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', preauthBody('rebind'), { host: 'evil.example:7420' }),
      403,
      'forbidden_host',
    );
    await refusedWithNothingWritten(
      () => http('GET', `${d.url}/v1/health`, { headers: { host: 'attacker.test' } }),
      403,
      'forbidden_host',
    );
  });

  it('an Origin that is not allow-listed (403), and takes a listed one', async () => {
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', preauthBody('xsite'), { origin: 'https://evil.example' }),
      403,
      'forbidden_origin',
    );
    const ok = await d.call('GET', '/v1/terminals', undefined, { origin: 'https://pos.example' });
    expect(ok.status).toBe(200);
  });

  it('a 1 MiB body (413)', async () => {
    const big = JSON.stringify({ ...preauthBody('big'), metadata: { blob: 'x'.repeat(1024 * 1024) } });
    await refusedWithNothingWritten(
      () =>
        http('POST', `${d.url}/v1/preauths`, {
          raw: big,
          headers: { authorization: `Bearer ${d.key}`, 'content-type': 'application/json' },
        }),
      413,
      'payload_too_large',
    );
  });

  it('bad JSON (400 invalid_json) and a non-JSON content type (415)', async () => {
    await refusedWithNothingWritten(
      () =>
        http('POST', `${d.url}/v1/preauths`, {
          raw: '{"terminal_id": "sandbox-payroc", ',
          headers: { authorization: `Bearer ${d.key}`, 'content-type': 'application/json' },
        }),
      400,
      'invalid_json',
    );
    await refusedWithNothingWritten(
      () =>
        http('POST', `${d.url}/v1/preauths`, {
          raw: 'amount=1',
          headers: { authorization: `Bearer ${d.key}`, 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
      'unsupported_media_type',
    );
  });

  it('schema violations with one error per field', async () => {
    const body = await refusedWithNothingWritten(
      () =>
        d.call('POST', '/v1/preauths', {
          terminal_id: 'sandbox-payroc',
          amount: '100',
          currency: 'usd',
          reference: '',
          extra: 1,
        }),
      400,
      'validation_failed',
    );
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['amount', 'currency', 'reference', 'extra']));
  });

  it('money it cannot charge: fractional or zero amounts, unknown currencies', async () => {
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', preauthBody('frac', 10.5)),
      400,
      'amount_not_minor_units',
    );
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', preauthBody('zero', 0)),
      400,
      'validation_failed',
    );
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', { ...preauthBody('cur'), currency: 'XYZ' }),
      400,
      'unsupported_currency',
    );
  });

  it('unknown terminals, missing or invalid cards', async () => {
    await refusedWithNothingWritten(
      () => d.call('POST', '/v1/preauths', { ...preauthBody('t'), terminal_id: 'nope' }),
      404,
      'unknown_terminal',
    );
    const noCard = preauthBody('nocard') as Record<string, unknown>;
    delete noCard.card;
    await refusedWithNothingWritten(() => d.call('POST', '/v1/preauths', noCard), 422, 'card_required');
    const body = await refusedWithNothingWritten(
      () =>
        d.call('POST', '/v1/preauths', {
          ...preauthBody('luhn'),
          card: { number: '4111111111111112', expiry_month: 1, expiry_year: 2020 },
        }),
      400,
      'validation_failed',
    );
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['card.number', 'card.expiry_year']);
  });

  it('follow-ups on transactions that do not exist', async () => {
    await refusedWithNothingWritten(() => d.call('POST', '/v1/preauths/pa_missing/capture', {}), 404, 'not_found');
    await refusedWithNothingWritten(() => d.call('GET', '/v1/preauths/pa_missing'), 404, 'not_found');
  });

  it('never echoes card data back', async () => {
    const r = await d.call('POST', '/v1/preauths', preauthBody('echo'));
    expect(r.status).toBe(201);
    expect(r.text).not.toMatch(/4111111111111111|"cvv"|"123"/);
    const stored = JSON.stringify(
      d.daemon.store.db
        .prepare(
          'SELECT * FROM transactions t JOIN operations o ON o.transaction_id = t.id JOIN attempts a ON a.operation_id = o.id',
        )
        .all(),
    );
    expect(stored).not.toMatch(/4111111111111111|"cvv":"123"|Bearer [A-Za-z0-9_-]{10}/);
    expect(stored).toContain('411111******1111');
  });
});
