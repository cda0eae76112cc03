import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, fromMajorString, money, toMajorString } from '../../../bridge/core/money.js';

describe('money', () => {
  it('takes exponents from ISO 4217, not an assumed 2', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLP')).toBe(0);
  });

  it('rejects unknown codes, lower case, and non-money ISO codes', () => {
    for (const code of ['ABC', 'usd', 'US', 'XAU', 'XTS', '']) expect(currencyExponent(code)).toBeUndefined();
    expect(() => money(100, 'ABC')).toThrow(expect.objectContaining({ code: 'unsupported_currency' }));
  });

  it('accepts only positive safe integers of minor units', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => money(bad, 'USD')).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    }
    expect(money(1, 'USD')).toEqual({ minor: 1, currency: 'USD' });
  });

  it('formats major units exactly per exponent', () => {
    expect(toMajorString(money(2266, 'USD'))).toBe('22.66');
    expect(toMajorString(money(5, 'USD'))).toBe('0.05');
    expect(toMajorString(money(1000, 'JPY'))).toBe('1000');
    expect(toMajorString(money(1250, 'KWD'))).toBe('1.250');
  });

  it('refuses more decimals than the currency has', () => {
    expect(() => fromMajorString('1.005', 'USD')).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    expect(() => fromMajorString('10.5', 'JPY')).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    expect(fromMajorString('1.50', 'USD').minor).toBe(150);
    expect(fromMajorString('1.500', 'USD').minor).toBe(150);
  });

  it('round-trips minor → major string → minor for every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'BHD'),
        (minor, currency) => {
          expect(fromMajorString(toMajorString(money(minor, currency)), currency).minor).toBe(minor);
        },
      ),
    );
  });
});
