import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasFractionOrExponent, numberLiterals } from '../../../bridge/core/json-numbers.js';

describe('numberLiterals', () => {
  it('gives each number as written, with its path', () => {
    const text =
      '{"amount": 25.00, "card": {"expiry_month": 4}, "list": [1, 2.5e3, {"x": -0.0}], "s": "3.5, \\"7.0\\"", "e": {}, "a": []}';
    expect(numberLiterals(text)).toEqual([
      { path: ['amount'], text: '25.00' },
      { path: ['card', 'expiry_month'], text: '4' },
      { path: ['list', 0], text: '1' },
      { path: ['list', 1], text: '2.5e3' },
      { path: ['list', 2, 'x'], text: '-0.0' },
    ]);
  });

  it('reads escaped keys, top-level numbers and whitespace of every kind', () => {
    expect(numberLiterals('{"a\\u006dount"\t:\r\n1E2 }')).toEqual([{ path: ['amount'], text: '1E2' }]);
    expect(numberLiterals(' 1.0 ')).toEqual([{ path: [], text: '1.0' }]);
    expect(numberLiterals('[true,false,null,"1.5"]')).toEqual([]);
  });

  it('walks a body nested deeper than the call stack would allow', () => {
    const depth = 50_000;
    const text = `${'['.repeat(depth)}1.5${']'.repeat(depth)}`;
    expect(numberLiterals(text)).toEqual([{ path: Array(depth).fill(0), text: '1.5' }]);
  });

  it('finds exactly the numbers JSON.parse finds, in any JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const expected: number[] = [];
        const walk = (v: unknown) => {
          if (typeof v === 'number') expected.push(v);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        };
        walk(JSON.parse(text));
        // Duplicate keys: JSON.parse keeps the last, the text has both; fc.json() makes none.
        expect(numberLiterals(text).map((l) => Number(l.text))).toEqual(expected);
      }),
      { seed: 12, numRuns: 2_000 },
    );
  });

  it('tells a literal JSON.parse reads exactly from one it reads away', () => {
    expect(['25.00', '2.5e3', '1E2', '0.5'].every(hasFractionOrExponent)).toBe(true);
    expect(['2500', '-1', '0'].some(hasFractionOrExponent)).toBe(false);
  });
});
