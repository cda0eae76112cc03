import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPan, redact } from '../../../bridge/core/redact.js';

describe('redact', () => {
  it('masks PANs, drops CVV, expiry and credentials, keeps the rest', () => {
    const out = redact({
      headers: { authorization: 'Bearer abc', 'x-api-key': 'k', accept: 'application/json', 'Idempotency-Key': 'u' },
      body: {
        paymentMethod: {
          cardDetails: { keyedData: { cardNumber: '4111111111111111', expiryDate: '1230', cvv: '123' } },
        },
        order: { amount: 100 },
      },
      note: 'card 5421190122090656 used',
    }) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(out.headers.authorization).toBe('[redacted]');
    expect(out.headers['x-api-key']).toBe('[redacted]');
    expect(out.headers.accept).toBe('application/json');
    expect(out.headers['Idempotency-Key']).toBe('u');
    expect(out.body.paymentMethod.cardDetails.keyedData).toEqual({
      cardNumber: '411111******1111',
      expiryDate: '[redacted]',
    });
    expect(out.body.order.amount).toBe(100);
    expect(out.note).toBe('card 542119******0656 used');
    expect(JSON.stringify(out)).not.toMatch(/4111111111111111|5421190122090656|"123"|abc/);
  });

  it('masks to first six and last four', () => {
    expect(maskPan('4111111111111111')).toBe('411111******1111');
    expect(maskPan('1234')).toBe('****');
  });

  it('never lets a 13–19 digit run through, wherever it hides', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{13,19}$/), fc.string(), (pan, noise) => {
        const text = JSON.stringify(redact({ a: [`${noise} ${pan} ${noise}`], b: { deep: { x: pan } } }));
        expect(text.includes(pan)).toBe(false);
      }),
    );
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(redact(a)).toEqual({ x: 1, self: '[circular]' });
  });
});
