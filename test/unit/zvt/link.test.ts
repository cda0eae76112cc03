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

  it('refuses a frame whose bytes stopped (T1, PA00P016 §3.4.1), and recovers for the next one', () => {
    const good = encodeFrame(Buffer.from([0x05, 0x01, 0x03, 0x12, 0x34, 0x56]));
    const p = new FrameParser();
    expect(p.push(good.subarray(0, 5))).toEqual([]);
    expect(p.inFrame).toBe(true);
    const cut = p.flush();
    expect(cut).toEqual([{ type: 'discarded', bytes: good.subarray(0, 5), reason: 'cut' }]);
    expect(cut.map(answerTo)).toEqual([0x15]);
    expect(p.inFrame).toBe(false);
    expect(p.push(good).map((f) => f.type)).toEqual(['apdu']);
    // A lone DLE has not begun a frame: it is junk, not answered.
    p.push(Buffer.from([0x10]));
    expect(p.inFrame).toBe(false);
    expect(p.flush().map(answerTo)).toEqual([undefined]);
  });
});
