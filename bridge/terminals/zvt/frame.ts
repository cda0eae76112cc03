// Serial framing: DLE STX + APDU (every DLE doubled) + DLE ETX + CRC low + CRC high, and the one-byte
// link acknowledgements ACK (06) and NAK (15). The parser is a pure state machine: bytes in, typed
// frames out. Junk and broken frames come out as `discarded` frames with a reason, never as exceptions.
import { crc16Kermit } from './crc.js';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

export type SerialFrame =
  | { readonly type: 'apdu'; readonly apdu: Buffer }
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  /** `cut`: a frame that stopped arriving (the inter-byte timer T1 ran out inside it). */
  | {
      readonly type: 'discarded';
      readonly bytes: Buffer;
      readonly reason: 'junk' | 'bad_crc' | 'bad_escape' | 'too_long' | 'cut';
    };

export function encodeFrame(apdu: Uint8Array): Buffer {
  const crc = crc16Kermit(Buffer.concat([apdu, Buffer.from([ETX])]));
  const body: number[] = [];
  for (const b of apdu) {
    body.push(b);
    if (b === DLE) body.push(DLE);
  }
  return Buffer.from([DLE, STX, ...body, DLE, ETX, crc & 0xff, crc >>> 8]);
}

type State = 'idle' | 'dle_seen' | 'body' | 'body_dle' | 'crc1' | 'crc2';

/** The longest APDU we accept on a serial line (extended length allows 65535 data bytes). */
const MAX_APDU = 65_535 + 5;

export class FrameParser {
  private state: State = 'idle';
  private apdu: number[] = [];
  private raw: number[] = [];
  private junk: number[] = [];
  private crcLow = 0;

  /** Feeds received bytes; returns every complete frame (and discarded junk) they finish. */
  push(chunk: Uint8Array): SerialFrame[] {
    const out: SerialFrame[] = [];
    for (const b of chunk) this.step(b, out);
    return out;
  }

  /** True while a frame has begun (DLE STX seen) and not ended: the inter-byte timer T1 applies. */
  get inFrame(): boolean {
    return this.state !== 'idle' && this.state !== 'dle_seen';
  }

  /**
   * Reports what is held (when the inter-byte timer T1 runs out): loose bytes as junk, a frame that
   * began and stopped as `cut`, which the receiver refuses with NAK (PA00P016 §3.4.1).
   */
  flush(): SerialFrame[] {
    const out: SerialFrame[] = [];
    if (this.junk.length) out.push({ type: 'discarded', bytes: Buffer.from(this.junk), reason: 'junk' });
    if (this.state === 'dle_seen') out.push({ type: 'discarded', bytes: Buffer.from(this.raw), reason: 'junk' });
    else if (this.state !== 'idle') out.push({ type: 'discarded', bytes: Buffer.from(this.raw), reason: 'cut' });
    this.reset();
    this.junk = [];
    return out;
  }

  private reset(): void {
    this.state = 'idle';
    this.apdu = [];
    this.raw = [];
  }

  private flushJunk(out: SerialFrame[]): void {
    if (this.junk.length) out.push({ type: 'discarded', bytes: Buffer.from(this.junk), reason: 'junk' });
    this.junk = [];
  }

  private step(b: number, out: SerialFrame[]): void {
    switch (this.state) {
      case 'idle':
        if (b === ACK || b === NAK) {
          this.flushJunk(out);
          out.push({ type: b === ACK ? 'ack' : 'nak' });
        } else if (b === DLE) {
          this.state = 'dle_seen';
          this.raw = [b];
        } else {
          this.junk.push(b);
        }
        return;
      case 'dle_seen':
        if (b === STX) {
          this.flushJunk(out);
          this.state = 'body';
          this.raw.push(b);
        } else {
          this.junk.push(...this.raw, b);
          this.reset();
        }
        return;
      case 'body':
        this.raw.push(b);
        if (b === DLE) this.state = 'body_dle';
        else this.apdu.push(b);
        if (this.apdu.length > MAX_APDU) {
          out.push({ type: 'discarded', bytes: Buffer.from(this.raw), reason: 'too_long' });
          this.reset();
        }
        return;
      case 'body_dle':
        this.raw.push(b);
        if (b === DLE) {
          this.apdu.push(DLE);
          this.state = 'body';
        } else if (b === ETX) {
          this.state = 'crc1';
        } else if (b === STX) {
          // A new frame starts inside the old one: the old one is lost, the new one goes on.
          out.push({ type: 'discarded', bytes: Buffer.from(this.raw.slice(0, -2)), reason: 'bad_escape' });
          this.apdu = [];
          this.raw = [DLE, STX];
          this.state = 'body';
        } else {
          out.push({ type: 'discarded', bytes: Buffer.from(this.raw), reason: 'bad_escape' });
          this.reset();
        }
        return;
      case 'crc1':
        this.raw.push(b);
        this.crcLow = b;
        this.state = 'crc2';
        return;
      case 'crc2': {
        this.raw.push(b);
        const apdu = Buffer.from(this.apdu);
        const crc = crc16Kermit(Buffer.concat([apdu, Buffer.from([ETX])]));
        if ((crc & 0xff) === this.crcLow && crc >>> 8 === b) out.push({ type: 'apdu', apdu });
        else out.push({ type: 'discarded', bytes: Buffer.from(this.raw), reason: 'bad_crc' });
        this.reset();
        return;
      }
    }
  }
}
