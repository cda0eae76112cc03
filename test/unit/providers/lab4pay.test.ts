// Lab4Pay connector: requests asserted (the seed's preauth body), replies of each status parsed.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../bridge/config/load.js';
import { lab4payConnector } from '../../../bridge/providers/lab4pay/connector.js';
import type { OperationContext } from '../../../bridge/providers/types.js';

const cfg = parseConfig({ providers: { lab4pay: { integrator_id: 'integrator-9', poll_ms: 700 } } }).providers.lab4pay!;
const l4p = lab4payConnector(cfg);
const terminal = { id: 'counter', currency: 'EUR', settings: {}, credentials: { client_id: 'cid', client_secret: 'csecret' } };

function ctx(kind: OperationContext['kind'], providerRef: string | null = 'b7a1c2d3-0000-4000-8000-000000000001', amount: number | null = null, opRef: string | null = null): OperationContext {
  return {
    kind,
    transaction: { id: 'pa0123456789abcdefghjk', reference: 'room-12', currency: 'EUR', amountRequested: 10_000, amountAuthorized: 12_500, providerRef, providerRefs: {}, operator: null, expiresAt: null, createdAt: '2026-01-01T10:00:00.000Z' },
    operation: { id: 'op1', amount, idempotencyKey: 'unused', providerRef: opRef },
    terminal,
    now: '2026-01-01T00:00:00.000Z',
  };
}

describe('lab4pay connector', () => {
  it('creates the preauth as the seed: amount in cents, our id as client_transaction_id, integrator header, bearer', () => {
    const req = l4p.build(ctx('preauth', null));
    expect(req).toEqual({
      method: 'POST', url: 'https://api-payment.lab4pay.com/v1/pay-connect/transactions/preauth/', auth: 'bearer',
      headers: { 'x-pay-connect-integrator-id': 'integrator-9', accept: 'application/json', 'content-type': 'application/json' },
      body: { amount: 10_000, client_transaction_id: 'pa0123456789abcdefghjk' },
    });
  });

  it('keeps adjustments local and sends the final total at preauth-complete', () => {
    expect(l4p.local!(ctx('adjust', undefined, 12_500))).toEqual({ kind: 'approved', approval: { amountAuthorized: 12_500 } });
    expect(l4p.local!(ctx('capture', undefined, 12_500))).toBeUndefined();
    const c = l4p.build(ctx('capture', undefined, 12_500));
    expect(c.url).toBe('https://api-payment.lab4pay.com/v1/pay-connect/transaction-operations/b7a1c2d3-0000-4000-8000-000000000001/preauth-complete/');
    expect(c.body).toEqual({ amount: 12_500 });
    expect(l4p.build(ctx('void')).url).toMatch(/\/revert\/$/);
    expect(l4p.cancel!(ctx('preauth'))?.url).toMatch(/\/transactions\/b7a1c2d3-0000-4000-8000-000000000001\/cancel\/$/);
    expect(l4p.cancel!(ctx('preauth', null))).toBeUndefined();
  });

  it('gets a client-credentials token per paired terminal, as a form', () => {
    const auth = l4p.authFor!(terminal)!;
    const t = auth.tokenRequest();
    expect(t).toMatchObject({ method: 'POST', url: 'https://api-payment.lab4pay.com/v1/auth/token/', form: { grant_type: 'client_credentials', client_id: 'cid', client_secret: 'csecret' } });
    expect(t.headers['x-pay-connect-integrator-id']).toBe('integrator-9');
    expect(auth.parseToken({ status: 200, headers: {}, body: { access_token: 'tok', expires_in: '3600', token_type: 'Bearer', scope: 'default' } })).toEqual({ accessToken: 'tok', expiresInMs: 3_600_000 });
    expect(auth.parseToken({ status: 200, headers: {}, body: { access_token: 'tok', expires_in: 'soon' } }).expiresInMs).toBe(300_000);
    expect(auth.cacheKey).not.toContain('csecret');
    expect(l4p.authFor!({ ...terminal, credentials: undefined })).toBeUndefined();
  });

  it('reads the create answers as pending with the ids to poll', () => {
    expect(l4p.parse(ctx('preauth', null), { status: 200, headers: {}, body: { transaction_id: 'T1' } })).toEqual({ kind: 'pending', pollAfterMs: 700, approval: { providerRef: 'T1', providerRefs: { transaction_id: 'T1' } } });
    expect(l4p.parse(ctx('capture'), { status: 200, headers: {}, body: { operation_id: 'O1', transaction_id: 'T1' } })).toEqual({ kind: 'pending', pollAfterMs: 700, approval: { operationRef: 'O1' } });
    expect(l4p.parse(ctx('preauth', null), { status: 400, headers: {}, body: { amount: ['A valid positive integer (cents) is required.'] } })).toMatchObject({ kind: 'rejected', fieldErrors: [{ field: 'amount' }] });
    expect(l4p.parse(ctx('preauth', null), { status: 401, headers: {}, body: { detail: 'x' } })).toMatchObject({ kind: 'rejected', code: 'provider_error' });
    expect(l4p.parse(ctx('preauth', null), { status: 500, headers: {}, body: undefined }).kind).toBe('unknown');
  });

  it('maps every status of the transaction and of operations', () => {
    const tx = (status: string) => ({ status: 200, headers: {}, body: { id: 'T1', amount: 10_000, currency: 'EUR', status, approve_code: 'AB12', card_number: '476173******0010', card_brand: 'VISA' } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('INITIATED'))).toEqual({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: 700 } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('IN_PROGRESS'))).toEqual({ kind: 'found', outcome: { kind: 'pending', pollAfterMs: 700 } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('SUCCESS'))).toMatchObject({ kind: 'found', outcome: { kind: 'approved', approval: { amountAuthorized: 10_000, authCode: 'AB12' } } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('FAILED'))).toMatchObject({ kind: 'found', outcome: { kind: 'declined' } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('CANCELED'))).toMatchObject({ kind: 'found', outcome: { kind: 'rejected', code: 'cancelled' } });
    expect(l4p.parseLookup!(ctx('preauth'), tx('EXPIRED'))).toMatchObject({ kind: 'found', outcome: { kind: 'rejected', code: 'terminal_timeout' } });
    const op = (status: string) => ({ status: 200, headers: {}, body: { id: 'O1', operation_type: 'transaction.preauth_complete', status, transaction_id: 'T1' } });
    expect(l4p.lookup!(ctx('capture', undefined, 12_500, 'O1'))?.url).toBe('https://api-payment.lab4pay.com/v1/pay-connect/transaction-operations/O1/');
    expect(l4p.parseLookup!(ctx('capture', undefined, 12_500, 'O1'), op('SUCCESS'))).toEqual({ kind: 'found', outcome: { kind: 'approved', approval: { operationRef: 'O1', amountCaptured: 12_500 } } });
    expect(l4p.parseLookup!(ctx('capture', undefined, 12_500, 'O1'), op('FAILED'))).toMatchObject({ kind: 'found', outcome: { kind: 'rejected' } });
  });

  it('pairs with name and otp and keeps every credential it is given', () => {
    expect(l4p.pairing!.request('Counter 2', '246810')).toMatchObject({ url: 'https://api-payment.lab4pay.com/v1/pay-connect/pair/', body: { name: 'Counter 2', otp: '246810' }, auth: 'none' });
    const creds = l4p.pairing!.parse({ status: 200, headers: {}, body: { pay_connect_id: 'P', terminal_id: 'L4P-1', client_id: 'c', client_secret: 's', webhook_secret_key: 'w' } });
    expect(creds).toEqual({ pay_connect_id: 'P', terminal_id: 'L4P-1', client_id: 'c', client_secret: 's', webhook_secret_key: 'w' });
    expect(() => l4p.pairing!.parse({ status: 400, headers: {}, body: { otp: ['Invalid or expired OTP.'] } })).toThrow(/Invalid or expired OTP/);
  });
});
