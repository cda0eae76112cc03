// The input holes of issue 12: amounts written as decimals, bodies not in UTF-8, impossible date-times,
// unbounded durations, unchecked metadata keys, and refusals by Fastify or Node that were plain JSON
// (and came before the Host/Origin checks). Each is refused with problem+json, a stable code, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PAYPORTER_KEY, SANDBOX_PAYPORTER_SECRET } from '../../bridge/sandbox/payporter/server.js';
import { CARD, preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { http } from '../helpers/http.js';
import { rawRequest, wire, type RawResponse } from '../helpers/raw-http.js';

let d: TestDaemon;
beforeAll(async () => {
  d = await startTestDaemon({ allowed_origins: ['https://pos.example'] });
});
afterAll(async () => {
  await d.stop();
});

// What a refused request must not write. The events of the daemon's own life (a terminal's link, a
// provider's reachability, the sandbox's pairing) may come at any moment and are not counted.
const counts = () =>
  [
    'transactions',
    'operations',
    'attempts',
    // Not the events the daemon's own sweeps and links write on their schedule (a hold an earlier test
    // gave a near expires_at is warned about as hold.expiring whenever the expiry sweep runs).
    "events WHERE type NOT LIKE 'terminal.%' AND type NOT LIKE 'provider.%' AND type NOT LIKE 'hold.%' AND type NOT LIKE 'alert.%'",
  ].map((t) => d.daemon.store.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
const auth = () => ({ authorization: `Bearer ${d.key}`, host: `127.0.0.1:${new URL(d.url).port}` });

/** POST with the body as these exact bytes (or text, sent as UTF-8). */
const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  http('POST', `${d.url}${path}`, {
    raw: body,
    headers: { authorization: `Bearer ${d.key}`, 'content-type': 'application/json', ...headers },
  });

async function refused(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send: () => Promise<{ status: number; headers: Record<string, string>; body: any }>,
  status: number,
  code: string,
) {
  const before = counts();
  const r = await send();
  expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
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

const bodyText = (reference: string, amountLiteral: string, extra = '') =>
  `{"terminal_id":"sandbox-payroc","amount":${amountLiteral},"currency":"USD","reference":"${reference}","card":${JSON.stringify(CARD)}${extra}}`;

describe('amounts are whole minor units, read from the text as sent', () => {
  it('refuses 25.00 (JSON.parse reads it as 25: a hold of 0.25), saying what to send', async () => {
    const body = await refused(() => post('/v1/preauths', bodyText('amt-1', '25.00')), 400, 'amount_not_minor_units');
    expect(body.errors).toEqual([{ field: 'amount', message: expect.stringContaining('25.00 USD is sent as 2500') }]);
    expect(body.detail).toMatch(/amount is 25\.00: amounts are whole minor units/);
  });

  it('refuses every decimal point or exponent, whatever the value', async () => {
    for (const literal of ['2500.0', '10.5', '2.5e3', '25E2', '1e400', '0.0']) {
      const body = await refused(
        () => post('/v1/preauths', bodyText(`amt-${literal}`, literal)),
        400,
        'amount_not_minor_units',
      );
      expect(body.errors[0].field).toBe('amount');
    }
    expect(
      (await refused(() => post('/v1/preauths', bodyText('amt-e', '2.5e3')), 400, 'amount_not_minor_units')).detail,
    ).toContain('write 2500, not 2.5e3');
  });

  it('in adjust, capture and resolve as well', async () => {
    for (const kind of ['adjust', 'capture', 'resolve']) {
      const extra = kind === 'resolve' ? ',"outcome":"authorized","note":"checked the portal"' : '';
      await refused(
        () => post(`/v1/preauths/pa_missing/${kind}`, `{"amount":30.00${extra}}`),
        400,
        'amount_not_minor_units',
      );
    }
  });

  it('does not take a major-unit string either ("25.00" is not an amount)', async () => {
    const body = await refused(() => post('/v1/preauths', bodyText('amt-str', '"25.00"')), 400, 'validation_failed');
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('amount');
  });

  it('takes 2500, and decimals where they are no amount (metadata)', async () => {
    const r = await post('/v1/preauths', bodyText('amt-ok', '2500', ',"metadata":{"rate":1.5,"tip_amount":0.5}'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ amount_requested: 2500, metadata: { rate: 1.5, tip_amount: 0.5 } });
  });

  it('refuses a number too large to read anywhere (it would be stored as null)', async () => {
    const body = await refused(
      () => post('/v1/preauths', bodyText('amt-inf', '2500', ',"metadata":{"big":1e400}')),
      400,
      'validation_failed',
    );
    expect(body.errors).toEqual([{ field: 'metadata.big', message: expect.stringContaining('too large') }]);
  });
});

describe('bodies are UTF-8', () => {
  const holder = 'Çağlar Öztürk';
  const payporter = (reference: string) => ({
    ...preauthBody(reference, 10_050, { terminal_id: 'sandbox-payporter', currency: 'TRY' }),
    card: { ...CARD, holder_name: holder },
  });

  it('takes a UTF-8 byte order mark (StreamWriter with Encoding.UTF8), and the name arrives intact at the provider', async () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify(payporter('bom-1')), 'utf8'),
    ]);
    const r = await post('/v1/preauths', bom, { 'content-type': 'application/json; charset=utf-8' });
    expect(r.status).toBe(201);
    const payment = await http(
      'GET',
      `${d.daemon.sandboxes!.urls.payporter}/api/payment/${r.body.provider_reference}`,
      { headers: { 'x-api-key': SANDBOX_PAYPORTER_KEY, 'x-api-secret': SANDBOX_PAYPORTER_SECRET } },
    );
    expect(payment.body.cardHolderName).toBe(holder);
  });

  it('refuses windows-1254 bytes without a charset, naming the byte offset', async () => {
    const text = JSON.stringify(payporter('cp-1'));
    const bytes = Buffer.from(
      text.replace('Ç', '\u00c7').replace('ğ', '\u00f0').replace(/Ö/g, '\u00d6').replace(/ü/g, '\u00fc'),
      'latin1',
    );
    const offset = bytes.indexOf(0xc7);
    const body = await refused(() => post('/v1/preauths', bytes), 400, 'invalid_encoding');
    expect(body.detail).toContain(`byte ${offset} (0xC7)`);
    expect(body.errors).toEqual([{ field: 'body', message: `not UTF-8 at byte ${offset}` }]);
  });

  it('refuses a declared charset other than UTF-8 rather than mangling it', async () => {
    for (const charset of ['windows-1254', 'ISO-8859-9', '"latin1"', 'us-ascii']) {
      const body = await refused(
        () =>
          post('/v1/preauths', JSON.stringify(payporter(`cs-${charset}`)), {
            'content-type': `application/json; charset=${charset}`,
          }),
        415,
        'unsupported_charset',
      );
      expect(body.detail).toContain('UTF-8');
    }
    for (const charset of ['UTF-8', 'utf8', '"utf-8"']) {
      const r = await post('/v1/preauths', JSON.stringify(preauthBody(`cs-ok-${charset}`)), {
        'content-type': `application/json; charset=${charset}`,
      });
      expect(r.status).toBe(201);
    }
  });

  it('refuses UTF-16 and a body that ends inside a character', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(JSON.stringify(preauthBody('u16')), 'utf16le'),
    ]);
    expect((await refused(() => post('/v1/preauths', utf16), 400, 'invalid_encoding')).detail).toContain('UTF-16');
    const noBom = Buffer.from(JSON.stringify(preauthBody('u16b')), 'utf16le');
    expect((await refused(() => post('/v1/preauths', noBom), 400, 'invalid_encoding')).detail).toContain('UTF-16');
    const cut = Buffer.concat([Buffer.from('{"reference":"', 'utf8'), Buffer.from([0xc4])]);
    expect((await refused(() => post('/v1/preauths', cut), 400, 'invalid_encoding')).detail).toMatch(
      /byte 14 .*Content-Length/,
    );
  });
});

describe('date-times are real instants', () => {
  it('refuses a leap second (Date.parse: NaN, and the hold never expired) and impossible dates', async () => {
    for (const at of ['2020-12-31T23:59:60Z', '2030-12-31T23:59:60Z', '2030-02-29T10:00:00Z', '2030-01-01T24:00:00Z']) {
      const body = await refused(
        () => d.call('POST', '/v1/preauths', preauthBody(`dt-${at}`, 1000, { expires_at: at })),
        400,
        'validation_failed',
      );
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['expires_at']);
    }
  });

  it('keeps a time in one form, so the store compares it right whatever offset the POS wrote', async () => {
    const local = new Date(Date.now() + 3 * 3_600_000);
    const turkish = new Date(local.getTime() + 3 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+03:00');
    const r = await d.call('POST', '/v1/preauths', preauthBody('dt-offset', 1000, { expires_at: turkish }));
    expect(r.status).toBe(201);
    expect(r.body.expires_at).toBe(new Date(Date.parse(turkish)).toISOString());
    const within4h = (await d.call('GET', '/v1/preauths?expiring_within=PT4H')).body.data.map(
      (t: { reference: string }) => t.reference,
    );
    expect(within4h).toContain('dt-offset');
    // +05 (no minutes): ajv-formats took it, Date.parse reads NaN.
    const short = await d.call(
      'POST',
      '/v1/preauths',
      preauthBody('dt-short', 1000, { expires_at: '2099-01-01T05:00:00+05' }),
    );
    expect(short.body.expires_at).toBe('2099-01-01T00:00:00.000Z');
  });

  it('bounds expiring_within: P99999999D is a 400, not a 500', async () => {
    for (const q of ['P99999999D', 'P36501D', `PT${'9'.repeat(40)}H`]) {
      const body = await refused(() => d.call('GET', `/v1/preauths?expiring_within=${q}`), 400, 'validation_failed');
      expect(body.errors).toEqual([
        { field: 'querystring:expiring_within', message: expect.stringContaining('36500 days') },
      ]);
    }
    expect((await d.call('GET', '/v1/preauths?expiring_within=P36500D')).status).toBe(200);
  });
});

describe('metadata keys are checked, and every value with them', () => {
  const meta = (reference: string, metadata: unknown) =>
    d.call('POST', '/v1/preauths', preauthBody(reference, 1000, { metadata }));

  it('refuses a key longer than 40 characters', async () => {
    const body = await refused(() => meta('md-long', { ['k'.repeat(41)]: 'v' }), 400, 'validation_failed');
    expect(body.errors).toEqual([
      { field: 'metadata', message: `key "${'k'.repeat(41)}" must NOT have more than 40 characters` },
    ]);
    expect((await meta('md-40', { ['k'.repeat(40)]: 'v', müşteri: 'Çağlar' })).status).toBe(201);
  });

  it('refuses control characters in a key, and checks the value of such a key', async () => {
    const body = await refused(() => meta('md-nl', { 'a\nb': { nested: ['anything'] } }), 400, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'metadata', message: 'key "a\\nb" must not contain control characters (a newline, a tab…)' },
        expect.objectContaining({ field: 'metadata.a\nb' }),
      ]),
    );
    for (const key of ['tab\there', 'nul\u0000', 'del\u007f', 'c1\u0085', 'ls\u2028'])
      await refused(() => meta(`md-${key.length}`, { [key]: 'v' }), 400, 'validation_failed');
  });
});

describe('refusals by Fastify and by Node are problem+json, after the Host/Origin checks', () => {
  const send = (request: Buffer | string) => rawRequest(d.url, request);
  const problem = (r: RawResponse, status: number, code: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status, code, detail: expect.any(String), type: expect.stringContaining(code) });
  };

  it('a bad URL encoding', async () => {
    problem(await send(wire('GET', '/v1/preauths/%E0%A4%A', auth())), 400, 'invalid_url');
    problem(
      await send(wire('GET', '/v1/preauths/%E0%A4%A', { ...auth(), host: 'evil.example' })),
      403,
      'forbidden_host',
    );
    problem(
      await send(wire('GET', '/v1/preauths/%E0%A4%A', { ...auth(), origin: 'https://evil.example' })),
      403,
      'forbidden_origin',
    );
  });

  it('a URL part too long to route', async () => {
    problem(await send(wire('GET', `/v1/preauths/${'x'.repeat(200)}`, auth())), 414, 'url_too_long');
  });

  it('Content-Length twice', async () => {
    const twice = { ...auth(), 'content-type': 'application/json', 'content-length': '2\r\nContent-Length: 2' };
    problem(await send(wire('POST', '/v1/preauths', twice, '{}')), 400, 'invalid_content_length');
    problem(await send(wire('POST', '/v1/preauths', { ...twice, host: 'evil.example' }, '{}')), 403, 'forbidden_host');
  });

  it('a 20 KB header', async () => {
    problem(
      await send(wire('GET', '/v1/health', { ...auth(), 'x-filler': 'a'.repeat(20_000) })),
      431,
      'header_too_large',
    );
    problem(
      await send(wire('GET', '/v1/health', { ...auth(), host: 'evil.example', 'x-filler': 'a'.repeat(20_000) })),
      403,
      'forbidden_host',
    );
    problem(
      await send(
        wire('GET', '/v1/health', { ...auth(), origin: 'https://evil.example', 'x-filler': 'a'.repeat(20_000) }),
      ),
      403,
      'forbidden_origin',
    );
  });

  it('a request target in absolute form names its host: it must be a loopback name too', async () => {
    problem(await send(wire('GET', 'http://evil.example/v1/health', auth())), 403, 'forbidden_host');
    expect((await send(wire('GET', `http://localhost:${new URL(d.url).port}/v1/health`, auth()))).status).toBe(200);
  });

  it('bytes that are not HTTP, and a request without Host', async () => {
    problem(await send(`BREW /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n`), 400, 'malformed_request');
    problem(await send(`GET /v1/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n`), 400, 'malformed_request');
    problem(await send(`GET /v1/health HTTP/1.1\r\nX: y\r\nBad Header\r\n\r\n`), 403, 'forbidden_host');
  });

  it('an Expect header other than 100-continue', async () => {
    problem(
      await send(
        wire('POST', '/v1/preauths', { ...auth(), 'content-type': 'application/json', expect: 'the-unexpected' }, '{}'),
      ),
      417,
      'expectation_failed',
    );
    problem(
      await send(wire('POST', '/v1/preauths', { ...auth(), host: 'evil.example', expect: 'the-unexpected' }, '{}')),
      403,
      'forbidden_host',
    );
  });

  it("Fastify's 404, 413 and 415, and bad JSON, with the position", async () => {
    await refused(() => d.call('GET', '/v1/nothing-here'), 404, 'not_found');
    await refused(() => post('/v1/preauths', 'x'.repeat(70_000)), 413, 'payload_too_large');
    await refused(() => post('/v1/preauths', '{}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await refused(() => post('/v1/preauths', '{}', { 'content-type': 'application/' }), 415, 'unsupported_media_type');
    const bad = await refused(
      () => post('/v1/preauths', '{"card": {"number": "4111111111111111", }'),
      400,
      'invalid_json',
    );
    expect(bad.detail).not.toContain('4111');
  });
});
