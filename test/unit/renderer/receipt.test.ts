// The printable receipt built from a transaction (the terminal's own lines, else a standard receipt in the
// chosen language, the card as brand and last four only) and the charge's amount box.
import { afterEach, describe, expect, it } from 'vitest';
import { amountText, parseAmount } from '../../../renderer/src/amount-input.js';
import { setLocale } from '../../../renderer/src/i18n/locale.js';
import { buildReceipt, maskNumbers, releasedAmount } from '../../../renderer/src/receipt.js';
import type { Operation, Transaction } from '../../../renderer/src/types.js';

afterEach(() => setLocale('en'));

const op = (o: Partial<Operation>): Operation => ({
  id: 'op1',
  kind: 'preauth',
  state: 'succeeded',
  amount: 4_200,
  attempts: 1,
  in_doubt: false,
  receipt_text: null,
  error: null,
  requested_by: null,
  created_at: '2026-12-01T16:40:12Z',
  finished_at: '2026-12-01T16:40:13Z',
  ...o,
});

const tx = (t: Partial<Transaction> = {}): Transaction => ({
  id: 'tx1',
  reference: 'Room-12',
  terminal_id: 'desk-1',
  provider: 'payroc',
  state: 'authorized',
  final: true,
  amount_requested: 4_200,
  amount_authorized: 4_200,
  amount_captured: null,
  currency: 'EUR',
  card: { brand: 'visa', masked_pan: '411111******1111', entry_mode: 'keyed' },
  auth_code: 'OK1234',
  expires_at: null,
  error: null,
  created_at: '2026-12-01T16:40:12Z',
  updated_at: '2026-12-01T16:40:13Z',
  operations: [op({})],
  ...t,
});

const merchant = { name: 'Hotel Adler', address: 'Hauptstraße 1\n80331 München' };

describe('buildReceipt', () => {
  it('is a standard receipt with merchant, terminal, date and zone, masked card, amounts, approval code', () => {
    const r = buildReceipt(
      tx({ state: 'captured', amount_captured: 3_000, operations: [op({}), op({ id: 'op2', kind: 'capture' })] }),
      merchant,
      'Front desk',
    );
    expect(r.kind).toBe('standard');
    if (r.kind !== 'standard') return;
    expect(r.merchant).toEqual(['Hotel Adler', 'Hauptstraße 1', '80331 München']);
    const rows = Object.fromEntries(r.rows);
    expect(rows).toMatchObject({
      Terminal: 'Front desk (desk-1)',
      Reference: 'Room-12',
      Card: 'VISA •••• 1111',
      Held: '€42.00',
      Charged: '€30.00',
      Released: '€12.00',
      'Approval code': 'OK1234',
      State: 'Charged',
    });
    expect(rows.Date).toMatch(/Dec 1, 2026.*40:12.*(UTC|GMT)/);
    expect(JSON.stringify(r)).not.toMatch(/411111/);
  });

  it('speaks the chosen language', () => {
    setLocale('de');
    const r = buildReceipt(tx({ state: 'voided' }), { name: '', address: '' });
    if (r.kind !== 'standard') throw new Error('standard expected');
    expect(r.merchant).toEqual([]);
    expect(r.title).toBe('Kartenreservierung');
    expect(Object.fromEntries(r.rows)).toMatchObject({
      Reserviert: '42,00\u00a0€',
      Freigegeben: '42,00\u00a0€',
      Status: 'Freigegeben',
    });
  });

  it("uses the terminal's own receipt lines where it sent them, a stray card number masked", () => {
    const r = buildReceipt(
      tx({ operations: [op({ receipt_text: 'KUNDENBELEG\nKarte 4111111111111111\nBetrag 42,00 EUR' })] }),
      merchant,
    );
    expect(r).toEqual({ kind: 'terminal', slips: ['KUNDENBELEG\nKarte ************1111\nBetrag 42,00 EUR'] });
  });

  it('releases nothing while the amount is held, all of it when voided', () => {
    expect(releasedAmount(tx())).toBeNull();
    expect(releasedAmount(tx({ state: 'voided' }))).toBe(4_200);
    expect(releasedAmount(tx({ state: 'captured', amount_captured: 4_200 }))).toBeNull();
    expect(maskNumbers('ref 12345')).toBe('ref 12345');
  });
});

describe('the amount box', () => {
  it('reads a decimal comma or point in the currency exponent, and refuses more digits than it has', () => {
    expect(parseAmount('42.00', 'EUR')).toBe(4_200);
    expect(parseAmount('42,5', 'EUR')).toBe(4_250);
    expect(parseAmount(' 30 ', 'EUR')).toBe(3_000);
    expect(parseAmount('500', 'JPY')).toBe(500);
    expect(parseAmount('5.5', 'JPY')).toBeUndefined();
    expect(parseAmount('1.234', 'EUR')).toBeUndefined();
    expect(parseAmount('1.234', 'KWD')).toBe(1_234);
    expect(parseAmount('-1', 'EUR')).toBeUndefined();
    expect(parseAmount('abc', 'EUR')).toBeUndefined();
  });

  it('shows the held amount in the language of the window', () => {
    expect(amountText(4_200, 'EUR')).toBe('42.00');
    setLocale('de');
    expect(amountText(4_200, 'EUR')).toBe('42,00');
  });
});
