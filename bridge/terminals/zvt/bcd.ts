// Packed BCD as ZVT uses it: amounts (6 bytes, minor units), currency (ISO 4217 numeric), trace and
// receipt numbers, dates; masked PANs use E for hidden digits and F as padding.

export function bcdToDigits(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b >> 4).toString(16) + (b & 0x0f).toString(16);
  return s.toUpperCase();
}

export function digitsToBcd(digits: string, length: number): Buffer {
  if (!/^[0-9]*$/.test(digits) || digits.length > length * 2)
    throw new RangeError(`cannot put ${digits} in ${length} BCD bytes`);
  const padded = digits.padStart(length * 2, '0');
  return Buffer.from(padded, 'hex');
}

export function bcdToNumber(bytes: Uint8Array): number {
  const digits = bcdToDigits(bytes);
  if (!/^[0-9]+$/.test(digits)) throw new RangeError(`not decimal BCD: ${digits}`);
  return Number(digits);
}

export const amountToBcd = (minor: number) => digitsToBcd(String(minor), 6);

/** A masked PAN from BMP 22: E marks a hidden digit, a trailing F pads an odd length. */
export function bcdToMaskedPan(bytes: Uint8Array): string {
  return bcdToDigits(bytes).replace(/F+$/, '').replace(/E/g, '*');
}
