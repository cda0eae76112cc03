// What the simulated terminal reads from an ECR over TCP: raw APDUs without framing (PA00P016 §2.2),
// cut by their length field. Pure. TCP has no resynchronisation of its own, so bytes that cannot start an
// ECR's APDU (a bare serial NAK 15, line noise, text) are set aside as junk one at a time instead of
// being read as a length that swallows the commands after them.
import { apduSize } from '../../terminals/zvt/apdu.js';

/**
 * First bytes of what an ECR sends: 05 status enquiry, 06 commands, 08 service commands, 80/84 answers,
 * and 0F, the Feig's vendor class (capture 1680761818.690979000_ecr_pt: `0F A1 …`). Assumption: anything
 * else is junk, because no ECR command or answer of PA00P015 ch. 14 starts otherwise.
 */
const ECR_CLASSES: ReadonlySet<number> = new Set([0x05, 0x06, 0x08, 0x0f, 0x80, 0x84]);

export type EcrStreamItem =
  { readonly type: 'apdu'; readonly apdu: Buffer } | { readonly type: 'junk'; readonly bytes: Buffer };

export class EcrStream {
  private buf = Buffer.alloc(0);

  push(chunk: Uint8Array): EcrStreamItem[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: EcrStreamItem[] = [];
    let junk = 0;
    const flushJunk = () => {
      if (junk) out.push({ type: 'junk', bytes: Buffer.from(this.buf.subarray(0, junk)) });
      this.buf = this.buf.subarray(junk);
      junk = 0;
    };
    while (junk < this.buf.length) {
      if (!ECR_CLASSES.has(this.buf[junk]!)) {
        junk++;
        continue;
      }
      const rest = this.buf.subarray(junk);
      const size = apduSize(rest);
      flushJunk();
      if (size === undefined || rest.length < size) break;
      out.push({ type: 'apdu', apdu: Buffer.from(this.buf.subarray(0, size)) });
      this.buf = this.buf.subarray(size);
    }
    flushJunk();
    return out;
  }

  /** Bytes of an APDU begun and not complete yet. */
  get pending(): number {
    return this.buf.length;
  }

  /** Gives up the APDU begun (its remainder did not come within T3); returns its bytes. */
  discard(): Buffer {
    const b = this.buf;
    this.buf = Buffer.alloc(0);
    return b;
  }
}
