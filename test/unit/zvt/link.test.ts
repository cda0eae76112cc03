import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameParser } from '../../../bridge/terminals/zvt/frame.js';
import { answerTo, SEND_START, sendStep, type SendState } from '../../../bridge/terminals/zvt/link.js';

describe('ZVT serial link', () => {
  it('is done on ACK', () => {
    expect(sendStep(SEND_START, { type: 'ack' })).toEqual({ state: { kind: 'acknowledged' }, effects: [] });
  });

  it('repeats a frame twice on NAK or silence, then gives up', () => {
    let s: SendState = SEND_START;
    const resends: number[] = [];
    for (const input of [{ type: 'nak' }, { type: 'timeout' }, { type: 'nak' }] as const) {
      const r = sendStep(s, input);
      resends.push(r.effects.filter((e) => e.type === 'resend').length);
      s = r.state;
    }
    expect(resends).toEqual([1, 1, 0]);
    expect(s).toEqual({ kind: 'failed', reason: 'nak' });
    expect(sendStep(s, { type: 'ack' }).state).toEqual(s);
  });

  it('acknowledges good frames, refuses broken ones, ignores loose junk', () => {
    const good = encodeFrame(Buffer.from([0x80, 0x00, 0x00]));
    const broken = Buffer.from(good);
    broken[broken.length - 2] = broken[broken.length - 2]! ^ 1;
    const frames = new FrameParser().push(Buffer.concat([Buffer.from('zz'), broken, good]));
    expect(frames.map(answerTo)).toEqual([undefined, 0x15, 0x06]);
  });
});
