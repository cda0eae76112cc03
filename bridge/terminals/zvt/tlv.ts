// ZVT's TLV container (BMP 06): BER-style tags (low 5 bits all set = more tag bytes; bit 0x20 =
// constructed, holding nested objects) and lengths of 00–7F, 81 nn, or 82 hi lo (big-endian).

export interface TlvObject {
  readonly tag: number;
  readonly value: Buffer;
  /** Nested objects when the tag is constructed. */
  readonly children?: TlvObject[];
}

export class TlvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlvError';
  }
}

function readTag(buf: Uint8Array, at: number): { tag: number; next: number } {
  if (at >= buf.length) throw new TlvError('TLV ends inside a tag');
  let tag = buf[at]!;
  let next = at + 1;
  if ((tag & 0x1f) === 0x1f) {
    let more = true;
    while (more) {
      if (next >= buf.length) throw new TlvError('TLV ends inside a multi-byte tag');
      const b = buf[next++]!;
      tag = tag * 256 + b;
      more = (b & 0x80) !== 0;
      if (next - at > 4) throw new TlvError('TLV tag longer than 4 bytes');
    }
  }
  return { tag, next };
}

function readLength(buf: Uint8Array, at: number): { length: number; next: number } {
  if (at >= buf.length) throw new TlvError('TLV ends inside a length');
  const first = buf[at]!;
  if (first < 0x80) return { length: first, next: at + 1 };
  if (first === 0x81 && at + 1 < buf.length) return { length: buf[at + 1]!, next: at + 2 };
  if (first === 0x82 && at + 2 < buf.length) return { length: (buf[at + 1]! << 8) | buf[at + 2]!, next: at + 3 };
  throw new TlvError(`bad TLV length byte ${first.toString(16)}`);
}

const isConstructed = (tag: number) => {
  let first = tag;
  while (first > 0xff) first = Math.floor(first / 256);
  return (first & 0x20) !== 0;
};

export function decodeTlv(buf: Uint8Array): TlvObject[] {
  const out: TlvObject[] = [];
  let at = 0;
  while (at < buf.length) {
    const { tag, next } = readTag(buf, at);
    const { length, next: valueAt } = readLength(buf, next);
    if (valueAt + length > buf.length) throw new TlvError(`TLV value of tag ${tag.toString(16)} runs past the end`);
    const value = Buffer.from(buf.subarray(valueAt, valueAt + length));
    out.push(isConstructed(tag) ? { tag, value, children: decodeTlv(value) } : { tag, value });
    at = valueAt + length;
  }
  return out;
}

function encodeTag(tag: number): Buffer {
  const bytes: number[] = [];
  for (let t = tag; t > 0 || bytes.length === 0; t = Math.floor(t / 256)) bytes.unshift(t & 0xff);
  return Buffer.from(bytes);
}

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n <= 0xff) return Buffer.from([0x81, n]);
  if (n <= 0xffff) return Buffer.from([0x82, n >> 8, n & 0xff]);
  throw new TlvError(`TLV value too long: ${n}`);
}

export function encodeTlv(objects: readonly TlvObject[]): Buffer {
  return Buffer.concat(
    objects.map((o) => {
      const value = o.children ? encodeTlv(o.children) : o.value;
      return Buffer.concat([encodeTag(o.tag), encodeLength(value.length), value]);
    }),
  );
}

/** The value of the first object with `tag`, searching nested objects too. */
export function findTlv(objects: readonly TlvObject[], tag: number): TlvObject | undefined {
  for (const o of objects) {
    if (o.tag === tag) return o;
    const inner = o.children ? findTlv(o.children, tag) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
