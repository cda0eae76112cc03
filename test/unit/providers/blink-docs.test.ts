// Docs conformance for Blink card-present: every request and response example of Blink's pages is a
// fixture in test/fixtures/docs/blink/ (each with its `source` page). The connector's build output is
// compared field by field with each documented request; parse must accept every documented response.
// Pages: https://api-docs.blinkpayment.co.uk/docs/post-preauth-transactions, …/docs/post-preauth-completions,
// …/docs/post-reversals(.md), …/docs/get-devices(.md), …/docs/requestsdata-data, …/docs/request,
// …/docs/eod-reports, …/docs/eod-reports-data, and the sandbox pages …/apidocs/preauth-transactions,
// …/apidocs/preauth-completions, …/apidocs/reversals.md, …/apidocs/terminals,
// …/apidocs/terminalsterminal-idrequestsdatedate, …/apidocs/terminalsterminal-ideod-reportsdatedate.
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BlinkTerminalSettings } from '../../../bridge/providers/blink/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { fromMajorString } from '../../../bridge/core/money.js';
import { blinkConnector } from '../../../bridge/providers/blink/connector.js';
import { readEodReport } from '../../../bridge/providers/blink/eod-report.js';
import { readRequestLog } from '../../../bridge/providers/blink/request-log.js';
import { targetOf } from '../../../bridge/providers/blink/target.js';
import type { Connector, HttpReply, OperationContext } from '../../../bridge/core/connector.js';
import { BLINK_ERRORS } from '../../../bridge/sandbox/blink/errors.js';

interface Fixture {
  readonly file: string;
  readonly source: string;
  readonly example: string;
  readonly kind: 'request' | 'response' | 'field';
  readonly operation: 'preauth' | 'capture' | 'void-sibling' | 'terminals' | 'request_log' | 'eod_report';
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  readonly answer_status?: number;
  readonly body?: unknown;
  readonly raw?: string;
  readonly field?: string;
  readonly value?: string;
  readonly superseded_by?: string;
}

const DIR = new URL('../../fixtures/docs/blink/', import.meta.url);
const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Omit<Fixture, 'file'>) }));
const requests = (op: Fixture['operation']) =>
  FIXTURES.filter((f) => f.kind === 'request' && f.operation === op && !f.superseded_by);
const responses = (op: Fixture['operation']) => FIXTURES.filter((f) => f.kind === 'response' && f.operation === op);
const one = (file: string) => FIXTURES.find((f) => f.file === file)!;

const cfg = parseConfig({ providers: { blink: { pos_api_key: 'k', pos_api_secret: 's' } } }).providers.blink!;
const live = blinkConnector(cfg, 'k', 's', '1.0.0');
const sandbox = blinkConnector({ ...cfg, api_url: 'https://api.blinkpayment.co.uk/sandbox' }, 'k', 's', '1.0.0');
const connectorFor = (f: Fixture): Connector => (f.path?.startsWith('/sandbox/') ? sandbox : live);
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const iso = (v: unknown) => new Date(String(v)).toISOString();
const SALE = one('completion-guide-saletopoidata.json').value!;

/** Fields each page's field table (and guide) documents, so a field we add beyond its example is Blink's own. */
const DOCUMENTED: Record<'preauth' | 'capture' | 'void-sibling', readonly string[]> = {
  // post-preauth-transactions, Step 1 field table.
  preauth: [
    'site_branch_id',
    'pos_location',
    'terminal_id',
    'operator_id',
    'customer_order_details',
    'currency',
    'requested_amount',
    'requested_validity_date',
    'request_timestamp',
    'metadata',
  ],
  // post-preauth-completions: the example's fields, and SaleToPOIData from guide step 2.
  capture: [
    'site_branch_id',
    'pos_location',
    'terminal_id',
    'operator_id',
    'original_transaction_id',
    'currency',
    'requested_amount',
    'request_timestamp',
    'metadata',
    'SaleToPOIData',
  ],
  // post-reversals: its field table (original_transaction_timestamp included) and its guide's SaleToPOIData.
  'void-sibling': [
    'site_branch_id',
    'pos_location',
    'terminal_id',
    'operator_id',
    'customer_order_details',
    'original_transaction_id',
    'original_transaction_timestamp',
    'currency',
    'requested_amount',
    'request_timestamp',
    'metadata',
    'SaleToPOIData',
  ],
};
/** Fields an example shows that we deliberately do not send, and why. */
const NOT_SENT: Record<string, string> = {
  order_number: 'optional (post-sales, 2025-11-10: varchar 25); our ids travel in metadata, which every page accepts',
  is_receipt_required: 'optional; the terminal keeps its own receipt setting',
};
const NOT_SENT_BY_VOID: Record<string, string> = {
  currency: 'a void releases the whole hold; the newer post-reversals.md example sends no amount either',
  requested_amount: 'as currency',
};
const DATETIMES = new Set(['request_timestamp', 'requested_validity_date', 'original_transaction_timestamp']);

/** The context that makes our builder produce the documented example. */
function contextFor(
  op: 'preauth' | 'capture' | 'void',
  body: Record<string, unknown>,
): OperationContext<BlinkTerminalSettings> {
  const currency = typeof body.currency === 'string' ? body.currency : 'GBP';
  const minor =
    typeof body.requested_amount === 'string' ? fromMajorString(body.requested_amount, currency).minor : null;
  const at = iso(body.request_timestamp);
  return {
    kind: op,
    transaction: {
      id: 'pa-docs',
      reference: 'docs',
      currency,
      amountRequested: minor ?? 5_000,
      amountAuthorized: op === 'preauth' ? null : 5_000,
      providerRef: typeof body.original_transaction_id === 'string' ? body.original_transaction_id : null,
      providerRefs: op === 'preauth' ? {} : { SaleToPOIData: SALE, request_timestamp: '2025-03-05T09:00:00.000Z' },
      operator: typeof body.operator_id === 'string' ? body.operator_id : null,
      expiresAt: body.requested_validity_date ? iso(body.requested_validity_date) : null,
      createdAt: at,
    },
    operation: {
      id: 'op-docs',
      amount: op === 'capture' ? minor : null,
      idempotencyKey: 'unused',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: {
      id: 'till',
      currency,
      settings: storedSettings(live, {
        blink_terminal_id: body.terminal_id,
        site_branch_id: body.site_branch_id,
        pos_location: body.pos_location,
      }),
    },
    now: at,
  };
}

function compareFieldByField(
  f: Fixture,
  ours: Record<string, unknown>,
  documented: readonly string[],
  notSent: Record<string, string>,
) {
  const doc = f.body as Record<string, unknown>;
  for (const [field, value] of Object.entries(doc)) {
    if (notSent[field]) {
      expect(ours, `${f.file}: ${field} (${notSent[field]})`).not.toHaveProperty(field);
    } else if (field === 'metadata') {
      // Free JSON for "custom vendor, POS, customer or order details": ours carries our ids.
      expect(typeof ours.metadata, `${f.file}: metadata`).toBe('object');
      expect(JSON.stringify(ours.metadata).length).toBeLessThanOrEqual(1024);
    } else if (DATETIMES.has(field)) {
      expect(Date.parse(String(ours[field])), `${f.file}: ${field}`).toBe(Date.parse(String(value)));
    } else {
      expect(ours[field], `${f.file}: ${field}`).toEqual(value);
    }
  }
  for (const field of Object.keys(ours)) {
    if (!(field in doc))
      expect(documented, `${f.file}: we send ${field}, which the page must document`).toContain(field);
  }
}

describe('blink docs fixtures', () => {
  it('every fixture names its Blink page, and there is one per documented example', () => {
    for (const f of FIXTURES)
      expect(f.source, f.file).toMatch(/^https:\/\/api-docs\.blinkpayment\.co\.uk\/(docs|apidocs)\//);
    expect(FIXTURES.filter((f) => f.file.startsWith('preauth-error-'))).toHaveLength(27);
    expect(FIXTURES.length).toBe(50);
  });

  it('the sandbox answers every documented pre-auth error with the documented status and body', () => {
    for (const f of FIXTURES.filter((x) => x.file.startsWith('preauth-error-'))) {
      expect(
        Object.values(BLINK_ERRORS).some((e) => e.status === f.status && isDeepStrictEqual(e.body, f.body)),
        f.file,
      ).toBe(true);
    }
  });
});

describe('blink docs: our requests against the documented ones, field by field', () => {
  it.each(requests('preauth').map((f) => [f.file, f] as const))('pre-auth %s', (_file, f) => {
    const built = connectorFor(f).build(contextFor('preauth', f.body as Record<string, unknown>));
    expect(built.method).toBe(f.method);
    expect(pathOf(built.url)).toBe(f.path);
    compareFieldByField(f, built.body as Record<string, unknown>, DOCUMENTED.preauth, NOT_SENT);
  });

  it.each(requests('capture').map((f) => [f.file, f] as const))(
    "completion %s, with the guide's SaleToPOIData",
    (_file, f) => {
      const built = connectorFor(f).build(contextFor('capture', f.body as Record<string, unknown>));
      expect(built.method).toBe(f.method);
      expect(pathOf(built.url)).toBe(f.path);
      compareFieldByField(f, built.body as Record<string, unknown>, DOCUMENTED.capture, NOT_SENT);
      expect((built.body as Record<string, unknown>).SaleToPOIData).toBe(SALE);
    },
  );

  it.each(requests('void-sibling').map((f) => [f.file, f] as const))(
    'void against the reversal sibling %s (our reading: POST …/preauth-voids)',
    (_file, f) => {
      const built = connectorFor(f).build(contextFor('void', f.body as Record<string, unknown>));
      expect(built.method).toBe('POST');
      expect(pathOf(built.url)).toBe(f.path!.replace('/reversals', '/preauth-voids'));
      compareFieldByField(f, built.body as Record<string, unknown>, DOCUMENTED['void-sibling'], {
        ...NOT_SENT,
        ...NOT_SENT_BY_VOID,
      });
      expect(built.body).toMatchObject({
        SaleToPOIData: SALE,
        original_transaction_timestamp: '2025-03-05T09:00:00.000Z',
      });
    },
  );

  it.each(requests('terminals').map((f) => [f.file, f] as const))('terminal list %s', (_file, f) => {
    const built = connectorFor(f).terminals!().request;
    expect(built.method).toBe(f.method);
    expect(pathOf(built.url)).toBe(f.path);
    expect(built.body).toBeUndefined(); // the page's `{}` on a GET: no body
  });

  it.each(requests('request_log').map((f) => [f.file, f] as const))(
    'request log %s: the first lookup request',
    (_file, f) => {
      const m = /\/terminals\/([^/]+)\/requests\?date=(\d{4}-\d{2}-\d{2})$/.exec(f.path!)!;
      const c = contextFor('preauth', {
        terminal_id: m[1],
        site_branch_id: 'London',
        pos_location: 'POS-25',
        request_timestamp: `${m[2]}T12:00:00Z`,
      });
      const built = (f.path!.startsWith('/terminals/') ? sandbox : connectorFor(f)).lookup!(c)!;
      expect(built.method).toBe(f.method);
      // The sandbox page prints the path without its /sandbox/v1/card-present prefix (see the fixture's note).
      expect(pathOf(built.url).endsWith(f.path!)).toBe(true);
    },
  );

  it.each(requests('eod_report').map((f) => [f.file, f] as const))(
    'EOD report %s: the request after a log that cannot tell',
    (_file, f) => {
      const m = /\/terminals\/([^/]+)\/eod-reports\?date=(\d{4}-\d{2}-\d{2})$/.exec(f.path!)!;
      const c = contextFor('preauth', {
        terminal_id: m[1],
        site_branch_id: 'London',
        pos_location: 'POS-25',
        request_timestamp: `${m[2]}T12:00:00Z`,
      });
      const blink = connectorFor(f);
      const first = blink.lookup!(c)!;
      const lost = {
        requests: [
          {
            request: { url: '/preauth-transactions', body: { metadata: { reference: c.transaction.id } } },
            response: { code: '503', body: one('preauth-error-503-lost-connection-to-the-terminal.json').body },
          },
        ],
      };
      const next = blink.parseLookup!(c, { status: 200, headers: {}, body: lost }, first);
      expect(next.kind).toBe('next');
      if (next.kind !== 'next') return;
      expect(next.request.method).toBe(f.method);
      expect(pathOf(next.request.url)).toBe(f.path);
    },
  );

  it('older renderings we do not follow point at the page we do', () => {
    for (const f of FIXTURES.filter((x) => x.superseded_by))
      expect(
        FIXTURES.some((x) => x.source === f.superseded_by && x.kind === 'request' && !x.superseded_by),
        f.file,
      ).toBe(true);
  });
});

describe('blink docs: parse accepts every documented response', () => {
  const preauthCtx = contextFor('preauth', one('preauth-request.json').body as Record<string, unknown>);
  const reply = (f: Fixture): HttpReply => ({ status: f.status!, headers: {}, body: f.body });

  it("the pre-auth 201, and the same answer with Blink's sandbox 200 and a SaleToPOIData", () => {
    const f = one('preauth-response-201.json');
    expect(live.parse(preauthCtx, reply(f))).toMatchObject({
      kind: 'approved',
      approval: {
        providerRef: '91VMWVLXY2XX4L61',
        amountAuthorized: 2266,
        card: { brand: 'mastercard', maskedPan: '546097******4213', entryMode: 'contactless' },
      },
    });
    for (const s of FIXTURES.filter((x) => x.answer_status).map((x) => x.answer_status!)) {
      expect(
        live.parse(preauthCtx, { status: s, headers: {}, body: { ...(f.body as object), SaleToPOIData: SALE } }),
      ).toMatchObject({ kind: 'approved', approval: { providerRefs: { SaleToPOIData: SALE } } });
    }
  });

  it.each(
    responses('preauth')
      .filter((f) => f.status !== 201)
      .map((f) => [f.file, f] as const),
  )('error %s is classified, never approved', (_file, f) => {
    const o = live.parse(preauthCtx, reply(f));
    const message = (f.body as { message: string }).message;
    const field = Object.keys((f.body as { errors: object }).errors)[0];
    if (f.status === 429) expect(o).toMatchObject({ kind: 'retryable', busy: true });
    else if (f.status === 500) expect(o.kind).toBe('unknown');
    else if (f.status === 503)
      expect(o.kind).toBe(
        message === 'Lost connection' ? 'unknown' : message === 'Terminal unreachable' ? 'retryable' : 'rejected',
      );
    else if (f.status === 401 || f.status === 403)
      expect(o).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    else expect(o).toMatchObject({ kind: 'rejected', code: 'provider_rejected', fieldErrors: [{ field }] });
    if (f.raw) expect(live.parse(preauthCtx, { status: f.status!, headers: {}, body: f.raw }).kind).toBe('unknown');
  });

  it.each(responses('terminals').map((f) => [f.file, f] as const))('terminal list %s', (_file, f) => {
    expect(live.terminals!().parse(reply(f))).toEqual([
      {
        id: 'T650M-451-962-212-MOHSIN',
        connected: true,
        state: 'CONNECTED',
        lastConnectedAt: '2025-03-13T07:47:42.113Z',
      },
      {
        id: 'P630-452-299-737-RAPHI',
        connected: false,
        state: 'DISCONNECTED',
        lastConnectedAt: '2025-03-13T02:11:01.316Z',
      },
      {
        id: 'T650P-451-863-867-MADAN',
        connected: false,
        state: 'DISCONNECTED',
        lastConnectedAt: '2025-03-10T15:23:47.93Z',
      },
    ]);
  });

  it.each(responses('request_log').map((f) => [f.file, f] as const))(
    'request log %s: readable; an entry of ours in that shape is found',
    (_file, f) => {
      const target = targetOf(preauthCtx)!;
      expect(readRequestLog(preauthCtx, target, reply(f))).toEqual({ kind: 'none' });
      const [entry] = (f.body as { requests: { request: object; response: object }[] }).requests;
      const ours = {
        ...entry,
        request: {
          ...entry!.request,
          url: '/preauth-transactions',
          body: { metadata: { reference: target.reference } },
        },
        response: { ...entry!.response, body: one('preauth-response-201.json').body },
      };
      expect(
        readRequestLog(preauthCtx, target, { status: 200, headers: {}, body: { requests: [ours] } }),
      ).toMatchObject({
        kind: 'settled',
        outcome: { kind: 'approved', approval: { providerRef: '91VMWVLXY2XX4L61' } },
      });
    },
  );

  it.each(responses('eod_report').map((f) => [f.file, f] as const))(
    'EOD report %s: readable; a line of ours in that shape is found with its amount',
    (_file, f) => {
      const target = targetOf(preauthCtx)!;
      expect(readEodReport(preauthCtx, target, reply(f))).toEqual({ kind: 'none' });
      const [line] = f.body as { requested_amount: number; transaction_id: string }[];
      const ours = [{ ...line, metadata: { reference: target.reference } }];
      expect(readEodReport(preauthCtx, target, { status: 200, headers: {}, body: ours })).toMatchObject({
        kind: 'settled',
        outcome: {
          kind: 'approved',
          approval: { providerRef: line!.transaction_id, amountAuthorized: Math.round(line!.requested_amount * 100) },
        },
      });
    },
  );
});
