import { describe, expect, it } from 'vitest';
import { cardBrand, cardExpired, luhnValid, maskCard, normalizeBrand } from '../../../bridge/core/card.js';

describe('card', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('41111')).toBe(false);
  });

  it('knows brands by IIN and normalises provider labels', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('5421190122090656')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(normalizeBrand('Visa Credit')).toBe('visa');
    expect(normalizeBrand('MasterCard')).toBe('mastercard');
  });

  it('expires at the end of the expiry month (UTC)', () => {
    const card = { number: '4111111111111111', expiry_month: 2, expiry_year: 2030 };
    expect(cardExpired(card, Date.UTC(2030, 1, 28, 23, 59))).toBe(false);
    expect(cardExpired(card, Date.UTC(2030, 2, 1))).toBe(true);
  });

  it('keeps only the masked form', () => {
    expect(maskCard({ number: '4111111111111111', expiry_month: 1, expiry_year: 2030, cvv: '999' })).toEqual({
      brand: 'visa',
      maskedPan: '411111******1111',
      entryMode: 'keyed',
    });
  });
});
