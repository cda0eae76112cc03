// ZVT over a serial byte stream: each APDU framed (DLE STX … DLE ETX CRC), every frame acknowledged by
// the other side within T2 or repeated (link.ts decides), every received frame answered with ACK or NAK.
// The stream is anything that writes bytes and emits 'data'; the serialport opener lives in native/.
import { EventEmitter } from 'node:events';
import { encodeFrame, FrameParser, type SerialFrame } from './frame.js';
import { answerTo, SEND_START, sendStep, T1_MS, T2_MS, type SendInput, type SendState } from './link.js';
import type { ZvtTransport } from './transport.js';

export interface ByteStream {
  write(bytes: Buffer, done: (err?: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'close', listener: () => void): void;
  close(done: () => void): void;
}

export function zvtSerialLink(stream: ByteStream, t2Ms = T2_MS, t1Ms = T1_MS): ZvtTransport {
  const events = new EventEmitter();
  const parser = new FrameParser();
  // One outgoing frame at a time: ZVT's link layer is stop-and-wait.
  let pending:
    { frame: Buffer; state: SendState; timer?: NodeJS.Timeout; resolve(): void; reject(err: Error): void } | undefined;
  const queue: Array<{ go(): void; reject(err: Error): void }> = [];
  // T1: a frame whose bytes stop coming is refused, so its sender repeats it instead of waiting out T2.
  let t1: NodeJS.Timeout | undefined;
  const writeRaw = (b: Buffer) =>
    stream.write(b, (err) => {
      if (err) events.emit('error', err);
    });

  const step = (input: SendInput) => {
    const p = pending;
    if (!p) return;
    const { state, effects } = sendStep(p.state, input);
    p.state = state;
    for (const e of effects) {
      if (e.type === 'resend') writeRaw(p.frame);
      else {
        clearTimeout(p.timer);
        p.timer = setTimeout(() => step({ type: 'timeout' }), t2Ms);
      }
    }
    if (state.kind === 'waiting') return;
    clearTimeout(p.timer);
    pending = undefined;
    if (state.kind === 'acknowledged') p.resolve();
    else
      p.reject(
        new Error(
          state.reason === 'nak'
            ? 'the terminal refused the frame three times (NAK)'
            : `the terminal did not acknowledge the frame within T2 (${t2Ms} ms), three times`,
        ),
      );
    queue.shift()?.go();
  };

  const handle = (frames: SerialFrame[]) => {
    for (const frame of frames) {
      if (frame.type === 'ack') step({ type: 'ack' });
      else if (frame.type === 'nak') step({ type: 'nak' });
      else {
        const answer = answerTo(frame);
        if (answer !== undefined) writeRaw(Buffer.from([answer]));
        if (frame.type === 'apdu') events.emit('apdu', frame.apdu);
      }
    }
  };

  stream.on('data', (chunk) => {
    clearTimeout(t1);
    handle(parser.push(chunk));
    if (parser.inFrame) t1 = setTimeout(() => handle(parser.flush()), t1Ms);
  });
  stream.on('error', (err) => events.emit('error', err));
  stream.on('close', () => {
    clearTimeout(t1);
    events.emit('close');
  });

  const send = (apdu: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const go = () => {
        pending = { frame: encodeFrame(apdu), state: SEND_START, resolve, reject };
        writeRaw(pending.frame);
        pending.timer = setTimeout(() => step({ type: 'timeout' }), t2Ms);
      };
      if (pending) queue.push({ go, reject });
      else go();
    });

  const discardOutgoing = () => {
    const gone = new Error('the frame was dropped: the other side stopped waiting for it');
    for (const q of queue.splice(0)) q.reject(gone);
    const p = pending;
    if (!p) return;
    clearTimeout(p.timer);
    pending = undefined;
    p.reject(gone);
  };
  return {
    events,
    send,
    discardOutgoing,
    close: () =>
      new Promise((resolve) => {
        clearTimeout(t1);
        stream.close(() => resolve());
      }),
  };
}
