// The control channel's framing and credential, as pure functions: lines out of arbitrary chunks, a bound
// on a line that never ends, and a token comparison that does not care what it is given.
import { describe, expect, it } from 'vitest';
import { encodeMessage, LineBuffer } from '../../native/control-framing.js';
import { tokensMatch } from '../../native/control-token.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('control framing', () => {
  it('gives each whole line once, however the bytes are chunked, a multi-byte character split included', () => {
    const text = `${encodeMessage({ id: '1', command: 'status' })}${encodeMessage({ id: '2', note: 'Kaffee für 4 €\nzwei Zeilen' })}`;
    const whole = new LineBuffer(1024).push(bytes(text));
    expect(whole).toEqual([
      JSON.stringify({ id: '1', command: 'status' }),
      JSON.stringify({ id: '2', note: 'Kaffee für 4 €\nzwei Zeilen' }),
    ]);
    const all = bytes(text);
    const buf = new LineBuffer(1024);
    const lines: string[] = [];
    for (let i = 0; i < all.length; i++) lines.push(...(buf.push(all.subarray(i, i + 1)) as string[]));
    expect(lines).toEqual(whole);
    expect(JSON.parse(lines[1]!)).toEqual({ id: '2', note: 'Kaffee für 4 €\nzwei Zeilen' });
  });

  it('skips empty lines and tolerates \\r\\n', () => {
    expect(new LineBuffer(64).push(bytes('\n\r\n{"a":1}\r\n\n'))).toEqual(['{"a":1}']);
  });

  it('holds a line up to the bound, and answers overflow past it, never buffering more', () => {
    const buf = new LineBuffer(10);
    expect(buf.push(bytes('0123456789'))).toEqual([]);
    expect(buf.push(bytes('\n'))).toEqual(['0123456789']);
    expect(buf.push(bytes('01234'))).toEqual([]);
    expect(buf.push(bytes('567890'))).toBe('overflow');
    // A too long line is refused even when its end comes in the same chunk.
    expect(new LineBuffer(10).push(bytes('01234567890\n'))).toBe('overflow');
    expect(new LineBuffer(10).push(bytes('ok\n01234567890'))).toBe('overflow');
  });
});

describe('control token comparison', () => {
  it('matches only the same string, whatever the type or length of what is given', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('abc ', 'abc')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
    expect(tokensMatch('x'.repeat(10_000), 'abc')).toBe(false);
    for (const odd of [undefined, null, 42, ['abc'], { toString: () => 'abc' }])
      expect(tokensMatch(odd, 'abc')).toBe(false);
    // A daemon without a token admits nobody, not everybody.
    expect(tokensMatch('', '')).toBe(false);
  });
});
