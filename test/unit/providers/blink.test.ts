// Blink connector: the seed's request reproduced field by field; its response and errors parsed.
// Sources: seed 001 = https://api-docs.blinkpayment.co.uk/docs/post-preauth-transactions; the completion's
// SaleToPOIData: https://api-docs.blinkpayment.co.uk/docs/post-preauth-completions (guide step 2); the void's
// reading: https://api-docs.blinkpayment.co.uk/docs/post-reversals; the terminal list:
// https://api-docs.blinkpayment.co.uk/docs/get-devices.md.
import { describe, expect, it } from 'vitest';
import type { BlinkTerminalSettings } from '../../../bridge/providers/blink/config.js';
import { storedSettings } from '../../helpers/terminal-settings.js';
import { parseConfig } from '../../../bridge/config/load.js';
import { blinkConnector } from '../../../bridge/providers/blink/connector.js';
import type { OperationContext } from '../../../bridge/core/connector.js';
import { keepSaleToPoi } from '../../../bridge/providers/blink/sale-to-poi.js';
import { BLINK_ERRORS } from '../../../bridge/sandbox/blink/errors.js';

const cfg = parseConfig({ providers: { blink: { pos_api_key: 'k', pos_api_secret: 's' } } }).providers.blink!;
const blink = blinkConnector(cfg, 'pos-key', 'pos-secret', '1.2.3');

const SALE = '{"c":"31438","p":"CREDIT","r":"APPROVED","rc":"5","ts":"SUCCESS","t":"4012563997"}';
const REFS = { transaction_id: '91VMWVLXY2XX4L61', SaleToPOIData: SALE, request_timestamp: '2025-03-13T14:11:04.000Z' };

function ctx(
  kind: OperationContext['kind'],
  amount: number | null = null,
  providerRefs: Record<string, string> = REFS,
): OperationContext<BlinkTerminalSettings> {
  return {
    kind,
    transaction: {
      id: 'pa0123456789abcdefghjk',
      reference: '2271574099',
      currency: 'GBP',
      amountRequested: 2266,
      amountAuthorized: 2266,
      providerRef: '91VMWVLXY2XX4L61',
      providerRefs,
      operator: '706392',
      expiresAt: '2025-03-27T14:11:04.000Z',
      createdAt: '2025-03-20T14:11:04.000Z',
    },
    operation: {
      id: 'op1',
      amount,
      idempotencyKey: 'unused',
      providerRef: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    terminal: {
      id: 'till-1',
      currency: 'GBP',
      settings: storedSettings(blink, {
        blink_terminal_id: 'T650M-451-962-212-MOHSIN',
        site_branch_id: 'London',
        pos_location: 'POS-25',
        validity_days: 7,
      }),
    },
    now: '2025-03-13T14:11:04.000Z',
  };
}

describe('blink connector', () => {
  it("builds the seed's pre-auth request", () => {
    const req = blink.build(ctx('preauth'));
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://api.blinkpayment.co.uk/v1/card-present/preauth-transactions',
      auth: 'none',
    });
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('pos-key:pos-secret').toString('base64')}`);
    expect(req.headers['user-agent']).toMatch(/^posbridge\/1\.2\.3 \(Node\.js \d+/);
    expect(req.body).toEqual({
      site_branch_id: 'London',
      pos_location: 'POS-25',
      terminal_id: 'T650M-451-962-212-MOHSIN',
      operator_id: '706392',
      currency: 'GBP',
      requested_amount: '22.66',
      requested_validity_date: '2025-03-27T14:11:04.000Z',
      request_timestamp: '2025-03-13T14:11:04.000Z',
      metadata: { reference: 'pa0123456789abcdefghjk', pos_reference: '2271574099' },
    });
  });

  it("defaults requested_validity_date from the terminal's validity_days", () => {
    const c = ctx('preauth');
    const req = blink.build({ ...c, transaction: { ...c.transaction, expiresAt: null } });
    expect((req.body as { requested_validity_date: string }).requested_validity_date).toBe('2025-03-20T14:11:04.000Z');
  });

  it("completes with original_transaction_id and the pre-auth's SaleToPOIData, unchanged (post-preauth-completions, guide step 2)", () => {
    const comp = blink.build(ctx('capture', 2000));
    expect(comp.url).toBe('https://api.blinkpayment.co.uk/v1/card-present/preauth-completions');
    expect(comp.body).toMatchObject({
      original_transaction_id: '91VMWVLXY2XX4L61',
      requested_amount: '20.00',
      currency: 'GBP',
      SaleToPOIData: SALE,
    });
    // Without a SaleToPOIData (a pre-auth settled from the EOD report), the completion is the page's example shape.
    expect(blink.build(ctx('capture', 2000, { transaction_id: '91VMWVLXY2XX4L61' })).body).not.toHaveProperty(
      'SaleToPOIData',
    );
  });

  it('an object SaleToPOIData goes back as the same object', () => {
    const refs = { transaction_id: 'X', ...keepSaleToPoi({ c: '1', r: 'APPROVED' }) };
    expect((blink.build(ctx('capture', 2000, refs)).body as { SaleToPOIData: unknown }).SaleToPOIData).toEqual({
      c: '1',
      r: 'APPROVED',
    });
  });

  it('voids with the fields a reversal needs: original id, original timestamp, SaleToPOIData (post-reversals)', () => {
    const v = blink.build(ctx('void'));
    expect(v.url).toBe('https://api.blinkpayment.co.uk/v1/card-present/preauth-voids');
    expect(v.body).toMatchObject({
      original_transaction_id: '91VMWVLXY2XX4L61',
      original_transaction_timestamp: '2025-03-13T14:11:04.000Z',
      SaleToPOIData: SALE,
      terminal_id: 'T650M-451-962-212-MOHSIN',
      metadata: { reference: 'pa0123456789abcdefghjk', operation: 'op1' },
    });
  });

  it("reads the seed's 201 as an approval, keeping the request_timestamp its data echo names", () => {
    const reply = {
      status: 201,
      headers: {},
      body: {
        result: 'SUCCESS',
        transaction_id: '91VMWVLXY2XX4L61',
        card_type: 'MasterCard',
        card_number: '546097******4213',
        card_mode: 'CONTACTLESS',
        data: { request_timestamp: '2025-03-13T15:11:04+01:00' },
      },
    };
    expect(blink.parse(ctx('preauth'), reply)).toEqual({
      kind: 'approved',
      approval: {
        providerRef: '91VMWVLXY2XX4L61',
        providerRefs: { transaction_id: '91VMWVLXY2XX4L61', request_timestamp: '2025-03-13T15:11:04+01:00' },
        amountAuthorized: 2266,
        card: { brand: 'mastercard', maskedPan: '546097******4213', entryMode: 'contactless' },
      },
    });
  });

  it("keeps the pre-auth answer's SaleToPOIData raw, and accepts Blink's sandbox 200 (apidocs/preauth-transactions)", () => {
    const reply = {
      status: 200,
      headers: {},
      body: { result: 'SUCCESS', transaction_id: 'T1', SaleToPOIData: SALE, data: {} },
    };
    const o = blink.parse(ctx('preauth'), reply);
    expect(o).toMatchObject({
      kind: 'approved',
      approval: { providerRefs: { transaction_id: 'T1', SaleToPOIData: SALE } },
    });
  });

  it('classifies every documented error', () => {
    const p = (e: keyof typeof BLINK_ERRORS, kind: OperationContext['kind'] = 'preauth') =>
      blink.parse(ctx(kind), { status: BLINK_ERRORS[e].status, headers: {}, body: BLINK_ERRORS[e].body });
    expect(p('missingCurrency')).toMatchObject({
      kind: 'rejected',
      code: 'provider_rejected',
      fieldErrors: [{ field: 'currency' }],
    });
    expect(p('invalidRequestedAmount')).toMatchObject({
      kind: 'rejected',
      fieldErrors: [{ field: 'requested_amount' }],
    });
    expect(p('acquirerTokenNotFound')).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(p('invalidCredentials')).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(p('unknownTerminal')).toMatchObject({ kind: 'rejected', code: 'provider_rejected' });
    expect(p('terminalBusy')).toMatchObject({ kind: 'retryable', busy: true });
    expect(p('generic').kind).toBe('unknown');
    expect(p('terminalUnreachable')).toMatchObject({ kind: 'retryable', notSent: true });
    expect(p('operationTimeout')).toMatchObject({ kind: 'rejected', code: 'terminal_timeout' });
    expect(p('operationTimeout', 'capture')).toMatchObject({ kind: 'retryable' });
    // Unknown, so it is looked up (request log, then EOD report), never guessed.
    expect(p('lostConnection').kind).toBe('unknown');
    expect(blink.capabilities.statusLookup).toBe(true);
  });

  it('reads the terminal list from its {"terminals": [...]} envelope (get-devices.md)', () => {
    const t = blink.terminals!();
    expect(t.request).toMatchObject({ method: 'GET', url: 'https://api.blinkpayment.co.uk/v1/card-present/terminals' });
    expect(
      t.parse({
        status: 200,
        headers: {},
        body: {
          terminals: [
            {
              terminal_id: 'A',
              serial_number: '1',
              state: 'DISCONNECTED',
              last_connected_at: '2025-01-01T00:00:00Z',
              last_active_at: null,
              last_connected_pos: null,
            },
          ],
        },
      }),
    ).toEqual([{ id: 'A', connected: false, state: 'DISCONNECTED', lastConnectedAt: '2025-01-01T00:00:00Z' }]);
    // The envelope the connector used to assume is not Blink's: refused rather than read as "no terminals".
    expect(() => t.parse({ status: 200, headers: {}, body: { result: 'SUCCESS', data: [] } })).toThrow(/terminals/);
    expect(t.idOf({ ...ctx('preauth').terminal.settings, blink_terminal_id: 'A' })).toBe('A');
  });

  it('a Blink sandbox api_url (…/sandbox) puts every path under /sandbox/v1/card-present (apidocs/preauth-transactions)', () => {
    const sb = blinkConnector({ ...cfg, api_url: 'https://api.blinkpayment.co.uk/sandbox/' }, 'k', 's', '1');
    expect(sb.build(ctx('preauth')).url).toBe(
      'https://api.blinkpayment.co.uk/sandbox/v1/card-present/preauth-transactions',
    );
    expect(sb.lookup!(ctx('preauth'))!.url).toBe(
      'https://api.blinkpayment.co.uk/sandbox/v1/card-present/terminals/T650M-451-962-212-MOHSIN/requests?date=2025-03-20',
    );
  });
});
