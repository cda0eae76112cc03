import { describe, expect, it } from 'vitest';
import { firstUtf8Error } from '../../../bridge/core/utf8.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('firstUtf8Error', () => {
  it('passes UTF-8, Turkish letters and four-byte characters included', () => {
    expect(firstUtf8Error(Buffer.from('Çağlar Öztürk 😀 €', 'utf8'))).toBeUndefined();
    expect(firstUtf8Error(bytes())).toBeUndefined();
  });

  it('finds the first byte that is not UTF-8, as in a windows-1254 "Çağlar"', () => {
    // windows-1254: Ç = C7, ğ = F0; "Ça" is C7 61: a lead byte without its continuation.
    expect(firstUtf8Error(bytes(0x22, 0xc7, 0x61, 0xf0, 0x6c))).toEqual({ offset: 1, truncated: false });
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF and stray continuation bytes', () => {
    expect(firstUtf8Error(bytes(0x41, 0xc0, 0xaf))).toEqual({ offset: 1, truncated: false }); // overlong '/'
    expect(firstUtf8Error(bytes(0xe0, 0x80, 0xaf))).toEqual({ offset: 0, truncated: false }); // overlong 3-byte
    expect(firstUtf8Error(bytes(0xed, 0xa0, 0x80))).toEqual({ offset: 0, truncated: false }); // U+D800
    expect(firstUtf8Error(bytes(0xf4, 0x90, 0x80, 0x80))).toEqual({ offset: 0, truncated: false }); // U+110000
    expect(firstUtf8Error(bytes(0xf5, 0x80, 0x80, 0x80))).toEqual({ offset: 0, truncated: false });
    expect(firstUtf8Error(bytes(0x41, 0x80))).toEqual({ offset: 1, truncated: false });
  });

  it('says when the body ends inside a character', () => {
    expect(firstUtf8Error(bytes(0x41, 0xc4))).toEqual({ offset: 1, truncated: true });
    expect(firstUtf8Error(bytes(0xf0, 0x9f, 0x98))).toEqual({ offset: 0, truncated: true });
  });

  it('agrees with the platform decoder on every two-byte sequence', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const disagree: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const input = bytes(a, b, 0x41, 0x41);
        let valid = true;
        try {
          strict.decode(input);
        } catch {
          valid = false;
        }
        if ((firstUtf8Error(input) === undefined) !== valid) disagree.push(`${a.toString(16)} ${b.toString(16)}`);
      }
    }
    expect(disagree).toEqual([]);
  });
});
