import { describe, expect, it } from 'vitest';
import { minorUnitsHint, shiftDecimal } from '../../../bridge/core/minor-units.js';

describe('minor units from a decimal literal', () => {
  it('shifts exactly, without floating point', () => {
    expect(shiftDecimal('25.00', 2)).toBe('2500');
    expect(shiftDecimal('0.29', 2)).toBe('29'); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(shiftDecimal('25.005', 2)).toBeUndefined();
    expect(shiftDecimal('2.5e3', 0)).toBe('2500');
    expect(shiftDecimal('25E-1', 1)).toBe('25');
    expect(shiftDecimal('0.000', 3)).toBe('0');
    expect(shiftDecimal('-1.5', 1)).toBe('-15');
    expect(shiftDecimal('1e400', 0)).toBeUndefined();
  });

  it('shows the number to send, in the currency when it is known', () => {
    expect(minorUnitsHint('25.00', { code: 'EUR', exponent: 2 })).toBe('25.00 EUR is sent as 2500');
    expect(minorUnitsHint('2500.0', { code: 'JPY', exponent: 0 })).toBe('2500.0 JPY is sent as 2500');
    expect(minorUnitsHint('1.250', { code: 'KWD', exponent: 3 })).toBe('1.250 KWD is sent as 1250');
    expect(minorUnitsHint('25.005', { code: 'EUR', exponent: 2 })).toBe('25.005 has more decimals than EUR has (2)');
    expect(minorUnitsHint('2.5E3', { code: 'EUR', exponent: 2 })).toBe('write 2500, not 2.5E3');
    expect(minorUnitsHint('30.00')).toBe('25.00 EUR is sent as 2500, 25.00 JPY as 25');
  });
});
