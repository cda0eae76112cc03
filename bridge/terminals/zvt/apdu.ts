// APDUs: CLASS INSTR length data. The length is one byte (00–FE), or FF followed by two bytes, low byte
// first. Over TCP there is no framing: APDUs are reassembled from arbitrary chunks by their length.

export interface Apdu {
  readonly cls: number;
  readonly instr: number;
  readonly data: Buffer;
}

export class ApduError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApduError';
  }
}

export function encodeApdu(a: Apdu): Buffer {
  const n = a.data.length;
  if (n > 0xffff) throw new ApduError(`APDU data too long: ${n} bytes`);
  const len = n < 0xff ? Buffer.from([n]) : Buffer.from([0xff, n & 0xff, n >>> 8]);
  return Buffer.concat([Buffer.from([a.cls, a.instr]), len, a.data]);
}

/** How many bytes the APDU at the start of `buf` takes, or undefined if more bytes are needed. */
export function apduSize(buf: Uint8Array): number | undefined {
  if (buf.length < 3) return undefined;
  if (buf[2] !== 0xff) return 3 + buf[2]!;
  if (buf.length < 5) return undefined;
  return 5 + (buf[3]! | (buf[4]! << 8));
}

export function decodeApdu(buf: Uint8Array): Apdu {
  const size = apduSize(buf);
  if (size === undefined) throw new ApduError(`APDU shorter than its header (${buf.length} bytes)`);
  if (size !== buf.length) throw new ApduError(`APDU length says ${size} bytes, got ${buf.length}`);
  const start = buf[2] === 0xff ? 5 : 3;
  return { cls: buf[0]!, instr: buf[1]!, data: Buffer.from(buf.subarray(start)) };
}

/** Reassembles APDUs from a TCP byte stream. */
export class ApduReassembler {
  private buf = Buffer.alloc(0);

  push(chunk: Uint8Array): Buffer[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    for (let size = apduSize(this.buf); size !== undefined && this.buf.length >= size; size = apduSize(this.buf)) {
      out.push(Buffer.from(this.buf.subarray(0, size)));
      this.buf = this.buf.subarray(size);
    }
    return out;
  }

  get pending(): number {
    return this.buf.length;
  }
}
