// Where a byte sequence stops being UTF-8 (RFC 3629): overlong forms, surrogates, code points past
// U+10FFFF and stray continuation bytes are all invalid. Decoding with replacement characters would
// turn "Çağlar" sent in windows-1254 into "�a�lar" and send that to the provider; finding the first bad
// byte lets the refusal say where the body went wrong.

export interface Utf8Error {
  /** Offset of the first byte of the sequence that is not UTF-8. */
  readonly offset: number;
  /** The body ends inside a character: often a Content-Length counted in characters, not bytes. */
  readonly truncated: boolean;
}

/** The allowed range of the second byte for each lead byte (RFC 3629 §4); later bytes are 80–BF. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

export function firstUtf8Error(bytes: Uint8Array): Utf8Error | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 1) {
      i += 1;
      continue;
    }
    if (length === 0) return { offset: i, truncated: false };
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return { offset: i, truncated: true };
      const [lo, hi] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      const b = bytes[i + k]!;
      if (b < lo || b > hi) return { offset: i, truncated: false };
    }
    i += length;
  }
  return undefined;
}
