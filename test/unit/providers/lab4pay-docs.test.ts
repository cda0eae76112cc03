// Lab4Pay's documentation, example by example. Every request and response example of the Pay-Connect pages
// is a fixture in test/fixtures/docs/lab4pay/ with its source page (https://docs.lab4pay.com/…): the
// connector's requests are compared with the documented ones field by field, and every documented answer
// must be read (not refused as unreadable). Examples posbridge has no use for say so, and why.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lab4PayTerminalSettings } from '../../../bridge/providers/lab4pay/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { lab4payConnector } from '../../../bridge/providers/lab4pay/connector.js';
import { isPrintSlip } from '../../../bridge/providers/lab4pay/wire.js';
import type { HttpReply, HttpRequestSpec, OperationContext } from '../../../bridge/core/connector.js';

interface DocExample {
  readonly file: string;
  readonly source: string;
  readonly kind: 'request' | 'response';
  readonly endpoint: string;
  readonly used_by_bridge?: false;
  readonly why?: string;
  // requests
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  // responses
  readonly status?: number;
  readonly body?: unknown;
}

const DIR = new URL('../../fixtures/docs/lab4pay/', import.meta.url);
const examples: DocExample[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Omit<DocExample, 'file'>) }));
const used = examples.filter((e) => e.used_by_bridge !== false);
const requests = used.filter((e) => e.kind === 'request');
const responses = used.filter((e) => e.kind === 'response');

const INTEGRATOR = 'integrator-9';
const cfg = parseConfig({ providers: { lab4pay: { integrator_id: INTEGRATOR, poll_ms: 700 } } }).providers.lab4pay!;
const l4p = lab4payConnector(cfg);
const terminal = {
  id: 'counter',
  currency: 'EUR',
  settings: storedSettings(l4p, {}),
  credentials: { client_id: 'cid', client_secret: 'csecret' },
};

// The documented examples use "<string>" for every id; our context uses the same, so that the connector's
// check "this record is about our transaction/operation" holds for them as it would for real ids.
const DOC_ID = '<string>';
function ctx(
  kind: OperationContext['kind'],
  providerRef: string | null = DOC_ID,
  amount: number | null = null,
  opRef: string | null = null,
): OperationContext<Lab4PayTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: 'room-12',
      currency: 'EUR',
      amountRequested: 10_000,
      amountAuthorized: 10_000,
      providerRef,
      providerRefs: {},
      operator: null,
      expiresAt: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    operation: {
      id: 'op1',
      amount,
      idempotencyKey: 'unused',
      providerRef: opRef,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal,
    now: '2026-01-01T10:00:00.000Z',
  };
}
const reply = (e: DocExample): HttpReply => ({
  status: e.status!,
  headers: { 'content-type': 'application/json' },
  body: e.body,
});

/** The request the connector sends for each documented endpoint. */
const BUILT: Record<string, () => HttpRequestSpec> = {
  pair: () => l4p.pairing!.request('Counter 2', '246810'),
  token: () => l4p.authFor!(terminal)!.tokenRequest(),
  preauth: () => l4p.build(ctx('preauth', null)),
  preauth_complete: () => l4p.build(ctx('capture', DOC_ID, 12_500)),
  revert: () => l4p.build(ctx('void')),
  cancel: () => l4p.cancel!(ctx('preauth'))!,
  transaction_status: () => l4p.lookup!(ctx('preauth'))!,
  print_slip: () => {
    const step = l4p.parseLookup!(
      ctx('preauth'),
      { status: 200, headers: {}, body: { status: 'SUCCESS' } },
      l4p.lookup!(ctx('preauth')),
    );
    if (step.kind !== 'next') throw new Error(`expected the print slip to be asked for next, got ${step.kind}`);
    return step.request;
  },
  operation_status: () => l4p.lookup!(ctx('void', DOC_ID, null, DOC_ID))!,
};

/** Documented optional body fields posbridge leaves out, with the reason. */
const OMITTED: Record<string, Record<string, string>> = {
  pair: { webhook_url: 'posbridge polls; with no URL Lab4Pay has nowhere to send events' },
};
/** Headers posbridge adds beyond an example, with the reason. */
const EXTRA_HEADERS: Record<string, string> = {
  accept: 'asks for JSON, which every documented answer is',
  // Only the token page omits it; pay-connect/integrator-registry asks for it "in every request".
  'x-pay-connect-integrator-id': 'the integrator registry asks for it on every request',
};

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

describe('Lab4Pay documentation fixtures', () => {
  it('each names its source page on docs.lab4pay.com, and every example is either used or says why not', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const e of examples) {
      expect(e.source, e.file).toMatch(/^https:\/\/docs\.lab4pay\.com\//);
      if (e.used_by_bridge === false) expect(e.why, e.file).toBeTruthy();
    }
    // Every endpoint posbridge uses has its documented request and its documented answer here.
    const endpoints = new Set(requests.map((r) => r.endpoint));
    expect([...endpoints].sort()).toEqual(Object.keys(BUILT).sort());
    for (const endpoint of endpoints)
      expect(
        responses.some((r) => r.endpoint === endpoint),
        endpoint,
      ).toBe(true);
  });
});

describe.each(requests)('documented request $file', (doc) => {
  const spec = BUILT[doc.endpoint]!();
  const path = doc.path!.replaceAll('{transaction_id}', DOC_ID).replaceAll('{operation_id}', DOC_ID);

  it('same method and URL (the first documented server, our default api_url)', () => {
    expect(spec.method).toBe(doc.method);
    // The builders percent-encode ids: "<string>" travels as %3Cstring%3E.
    expect(decodeURIComponent(spec.url)).toBe(`https://api-payment.lab4pay.com${path}`);
  });

  it('every documented header, and no undocumented one without a reason', () => {
    const ours = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const documented = Object.fromEntries(Object.entries(doc.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, value] of Object.entries(documented)) {
      if (name === 'authorization') expect(spec.auth, 'the executor adds "Bearer <token>"').toBe('bearer');
      else if (name === 'x-pay-connect-integrator-id') expect(ours[name]).toBe(INTEGRATOR);
      else expect(ours[name], name).toBe(value);
    }
    // The status endpoint is known from a diagram only, which shows no headers: it is called like its siblings.
    if (!('authorization' in documented))
      expect(spec.auth).toBe(doc.endpoint === 'transaction_status' ? 'bearer' : 'none');
    for (const name of Object.keys(ours))
      if (!(name in documented)) expect(EXTRA_HEADERS[name], `undocumented header ${name}`).toBeDefined();
    if (!('content-type' in documented)) expect(ours['content-type'], 'no Content-Type without a body').toBeUndefined();
  });

  it('the body field by field: same fields (bar documented omissions), same JSON types; or none when the example sends none', () => {
    expect(spec.form, 'never a form body').toBeUndefined();
    if (doc.body === undefined) {
      expect(spec.body).toBeUndefined();
      return;
    }
    const documented = doc.body as Record<string, unknown>;
    const ours = spec.body as Record<string, unknown>;
    for (const key of Object.keys(ours)) expect(key in documented, `undocumented field ${key}`).toBe(true);
    for (const [key, value] of Object.entries(documented)) {
      if (!(key in ours)) {
        expect(OMITTED[doc.endpoint]?.[key], `documented field ${key} is missing`).toBeDefined();
        continue;
      }
      expect(kindOf(ours[key]), key).toBe(kindOf(value));
      if (key === 'grant_type') expect(ours[key]).toBe(value);
      if (key === 'amount') expect(Number.isInteger(ours[key]), 'cents, an integer').toBe(true);
    }
  });
});

describe('documented answers are read', () => {
  const doc = (endpoint: string, file?: string) =>
    responses.find((r) => r.endpoint === endpoint && (!file || r.file === file))!;

  it('pairing: every credential kept, webhook_secret_key as a string or null', () => {
    expect(l4p.pairing!.parse(reply(doc('pair', 'pairing.response.json')))).toEqual({
      pay_connect_id: DOC_ID,
      pay_connect_name: DOC_ID,
      terminal_id: DOC_ID,
      client_id: DOC_ID,
      client_secret: DOC_ID,
      webhook_secret_key: DOC_ID,
    });
    const withNull = l4p.pairing!.parse(reply(doc('pair', 'pairing.response-null-webhook-key.json')));
    expect(withNull).toMatchObject({ client_id: DOC_ID, client_secret: DOC_ID });
    expect(withNull).not.toHaveProperty('webhook_secret_key');
  });

  it('token: the access token; expires_in "<string>" is no number of seconds, so the 5-minute fallback', () => {
    expect(l4p.authFor!(terminal)!.parseToken(reply(doc('token')))).toEqual({
      accessToken: DOC_ID,
      expiresInMs: 300_000,
    });
  });

  it('preauth, preauth-complete and revert: pending, with the id to poll', () => {
    expect(l4p.parse(ctx('preauth', null), reply(doc('preauth')))).toEqual({
      kind: 'pending',
      pollAfterMs: 700,
      approval: { providerRef: DOC_ID, providerRefs: { transaction_id: DOC_ID } },
    });
    expect(l4p.parse(ctx('capture', DOC_ID, 12_500), reply(doc('preauth_complete')))).toEqual({
      kind: 'pending',
      pollAfterMs: 700,
      approval: { operationRef: DOC_ID },
    });
    expect(l4p.parse(ctx('void'), reply(doc('revert')))).toEqual({
      kind: 'pending',
      pollAfterMs: 700,
      approval: { operationRef: DOC_ID },
    });
  });

  it('cancel: a bare 200, nothing to read; the outcome is polled on the status endpoint, as the page says', () => {
    expect(doc('cancel').body).toBeUndefined();
    expect(l4p.lookup!(ctx('preauth'))?.url).toMatch(/\/status\/$/);
  });

  it('transaction status {status: SUCCESS}: the print slip is asked for next, in the same lookup', () => {
    const step = l4p.parseLookup!(ctx('preauth'), reply(doc('transaction_status')), l4p.lookup!(ctx('preauth')));
    expect(step).toMatchObject({ kind: 'next', request: { method: 'GET', auth: 'bearer' } });
  });

  it('print slip: the documented record is read; its fields make the approval once the status is SUCCESS', () => {
    const slip = doc('print_slip');
    expect(isPrintSlip.Check(slip.body)).toBe(true);
    const slipRequest = BUILT.print_slip!();
    // The example's status is the first enum value, INITIATED: after a SUCCESS status that contradiction goes
    // to a person, by name (not as "unreadable").
    expect(l4p.parseLookup!(ctx('preauth'), reply(slip), slipRequest)).toEqual({
      kind: 'inconclusive',
      reason: expect.stringContaining('INITIATED'),
    });
    const success = { ...reply(slip), body: { ...(slip.body as object), status: 'SUCCESS' } };
    expect(l4p.parseLookup!(ctx('preauth'), success, slipRequest)).toEqual({
      kind: 'found',
      outcome: {
        kind: 'approved',
        approval: {
          providerRef: DOC_ID,
          amountAuthorized: 123,
          authCode: DOC_ID,
          card: { maskedPan: DOC_ID, entryMode: 'terminal', brand: DOC_ID },
        },
      },
    });
  });

  it('operation status: the record with operation_id, and every documented status is an outcome', () => {
    const op = doc('operation_status');
    const voidCtx = ctx('void', DOC_ID, null, DOC_ID);
    expect(l4p.parseLookup!(voidCtx, reply(op), l4p.lookup!(voidCtx))).toEqual({
      kind: 'found',
      outcome: { kind: 'pending', pollAfterMs: 700 },
    });
    // operation-status: "INITIATED, IN_PROGRESS, SUCCESS, FAILED, EXPIRED".
    for (const status of ['INITIATED', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'EXPIRED']) {
      const step = l4p.parseLookup!(
        voidCtx,
        { ...reply(op), body: { ...(op.body as object), status } },
        l4p.lookup!(voidCtx),
      );
      expect(step.kind, status).toBe('found');
    }
  });
});

describe('documented endpoints posbridge does not use', () => {
  const unused = examples.filter((e) => e.used_by_bridge === false);

  it.each(unused.filter((e) => e.kind === 'request'))('$file: no builder sends it', (doc) => {
    const built = Object.values(BUILT).map((b) => new URL(b().url).pathname);
    const pattern = new RegExp(`^${doc.path!.replace(/\{[a-z_]+\}/g, '[^/]+')}$`);
    for (const path of built) expect(pattern.test(decodeURIComponent(path)), `${path} matches ${doc.path}`).toBe(false);
  });
});
