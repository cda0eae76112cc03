// ZVT's frame check: the spec calls it CRC-XModem, but terminals compute the reflected CCITT CRC,
// i.e. CRC-16/KERMIT (poly 0x8408 reflected, init 0, no final XOR; check value 0x2189 for "123456789"),
// over the unstuffed APDU plus ETX. Verified against real terminal traces (see shared zvt.md §2.1).

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

export function crc16Kermit(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = (crc >>> 8) ^ TABLE[(crc ^ b) & 0xff]!;
  return crc;
}
