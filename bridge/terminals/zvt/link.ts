// The serial link layer (VDT PA00P016 ch. 3) as pure decisions. Sending: a frame goes out, the other
// side answers ACK (06) or NAK (15) within T2 (5 s); on NAK or silence the frame is repeated, at most two
// times, then the link reports a transmission error. Receiving: every complete frame is acknowledged at
// once, before it is processed; a frame with a bad CRC (or broken escaping) is answered with NAK.
import type { SerialFrame } from './frame.js';

export const T2_MS = 5_000;
/** Longest pause between two bytes of one frame; after it the receiver refuses the frame (§3.4.1). */
export const T1_MS = 200;
export const MAX_REPEATS = 2;

export type SendState =
  | { readonly kind: 'waiting'; readonly repeats: number }
  | { readonly kind: 'acknowledged' }
  | { readonly kind: 'failed'; readonly reason: 'nak' | 'no_ack' };

export type SendInput = { readonly type: 'ack' } | { readonly type: 'nak' } | { readonly type: 'timeout' };

export type SendEffect = { readonly type: 'resend' } | { readonly type: 'start_t2'; readonly ms: number };

/** The next state of an outgoing frame, and what to do. */
export function sendStep(state: SendState, input: SendInput): { state: SendState; effects: SendEffect[] } {
  if (state.kind !== 'waiting') return { state, effects: [] };
  if (input.type === 'ack') return { state: { kind: 'acknowledged' }, effects: [] };
  if (state.repeats >= MAX_REPEATS)
    return { state: { kind: 'failed', reason: input.type === 'nak' ? 'nak' : 'no_ack' }, effects: [] };
  return {
    state: { kind: 'waiting', repeats: state.repeats + 1 },
    effects: [{ type: 'resend' }, { type: 'start_t2', ms: T2_MS }],
  };
}

export const SEND_START: SendState = { kind: 'waiting', repeats: 0 };

/** The single byte to answer a received frame with, if any. */
export function answerTo(frame: SerialFrame): 0x06 | 0x15 | undefined {
  switch (frame.type) {
    case 'apdu':
      return 0x06;
    case 'discarded':
      // A frame that started and broke (bad CRC or escape, too long, cut off by T1) is refused so the
      // sender repeats it; loose junk is not answered.
      return frame.reason === 'junk' ? undefined : 0x15;
    default:
      return undefined;
  }
}
