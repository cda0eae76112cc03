// A hand-driven ECR for the terminal simulator's tests: it sends exactly the bytes a test gives and hands
// over the terminal's APDUs one at a time, so a test can misbehave on purpose (stay silent, refuse a
// message, send garbage, cut a message short). Over a real TCP socket, or a real serial line (a socat
// pty pair) where it also speaks the link layer by hand: frames, ACK/NAK, bad CRCs.
import { createConnection, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { ApduReassembler } from '../../bridge/terminals/zvt/apdu.js';
import { encodeFrame, FrameParser } from '../../bridge/terminals/zvt/frame.js';

export const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
export const ACK_APDU = hex('80 00 00');

/** Messages in arrival order; `next` waits for the next one or gives undefined after `ms`. */
class Inbox {
  private readonly items: Buffer[] = [];
  private waiter: ((b: Buffer | undefined) => void) | undefined;

  put(b: Buffer): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(b);
    } else {
      this.items.push(b);
    }
  }

  next(ms: number): Promise<Buffer | undefined> {
    const b = this.items.shift();
    if (b) return Promise.resolve(b);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiter = undefined;
        resolve(undefined);
      }, ms);
      this.waiter = (x) => {
        clearTimeout(t);
        resolve(x);
      };
    });
  }

  /** Everything that came and was not read yet (and stops waiting). */
  drain(): Buffer[] {
    return this.items.splice(0);
  }
}

export interface TcpEcr {
  send(apdu: Buffer | string): void;
  /** The terminal's next APDU, or undefined if none comes within `ms`. */
  next(ms?: number): Promise<Buffer | undefined>;
  /** Acknowledges (80 00 00) every message until `until` says stop; returns what came, in order. */
  ackUntil(until: (apdu: Buffer) => boolean, ms?: number): Promise<Buffer[]>;
  readonly closed: Promise<void>;
  isClosed(): boolean;
  close(): void;
}

export async function tcpEcr(port: number): Promise<TcpEcr> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  socket.on('error', () => undefined);
  const inbox = new Inbox();
  const reassembler = new ApduReassembler();
  socket.on('data', (chunk) => {
    for (const a of reassembler.push(chunk)) inbox.put(a);
  });
  let closed = false;
  const closedP = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  const send = (apdu: Buffer | string) => {
    socket.write(typeof apdu === 'string' ? hex(apdu) : apdu);
  };
  const next = (ms = 3_000) => inbox.next(ms);
  return {
    send,
    next,
    closed: closedP,
    isClosed: () => closed,
    close: () => socket.destroy(),
    ackUntil: async (until, ms = 3_000) => {
      const seen: Buffer[] = [];
      for (;;) {
        const a = await next(ms);
        if (!a)
          throw new Error(
            `no message from the terminal within ${ms} ms; so far: ${seen.map((x) => x.toString('hex')).join(' | ')}`,
          );
        seen.push(a);
        send(ACK_APDU);
        if (until(a)) return seen;
      }
    },
  };
}

export type LinkAnswer = 'ack' | 'nak' | 'none';

export interface SerialEcr {
  /** Sends one APDU framed; resolves with the terminal's link answer ('ack', 'nak') or 'none' after `ms`. */
  sendFrame(apdu: Buffer | string, ms?: number): Promise<LinkAnswer>;
  /** Writes bytes as they are (a corrupted or cut frame) and resolves with the link answer to them. */
  sendBytes(bytes: Buffer | string, ms?: number): Promise<LinkAnswer>;
  /** Acknowledges (80 00 00, framed) every message until `until` says stop; returns what came, in order. */
  ackUntil(until: (apdu: Buffer) => boolean, ms?: number): Promise<Buffer[]>;
  /** Writes bytes as they are: garbage, a broken frame, a bare NAK. */
  writeRaw(bytes: Buffer | string): void;
  /** The terminal's next APDU (a frame with a good CRC that was ACKed), or undefined after `ms`. */
  next(ms?: number): Promise<Buffer | undefined>;
  /** Whether received frames are answered with ACK (the default), NAK, or not at all. */
  linkAnswer: LinkAnswer;
  /** How many times each APDU (hex) arrived: repeats of the link layer show up here. */
  readonly arrivals: Map<string, number>;
  close(): Promise<void>;
}

export async function serialEcr(path: string): Promise<SerialEcr> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const parser = new FrameParser();
  const inbox = new Inbox();
  const linkAnswers = new Inbox();
  const arrivals = new Map<string, number>();
  const sendBytes = async (bytes: Buffer | string, ms = 1_000): Promise<LinkAnswer> => {
    linkAnswers.drain();
    port.write(typeof bytes === 'string' ? hex(bytes) : bytes);
    const a = await linkAnswers.next(ms);
    return a ? (a[0] === 0x06 ? 'ack' : 'nak') : 'none';
  };
  const next = (ms = 3_000) => inbox.next(ms);
  const ecr: SerialEcr = {
    linkAnswer: 'ack',
    arrivals,
    sendBytes,
    sendFrame: (apdu, ms) => sendBytes(encodeFrame(typeof apdu === 'string' ? hex(apdu) : apdu), ms),
    ackUntil: async (until, ms = 3_000) => {
      const seen: Buffer[] = [];
      for (;;) {
        const a = await next(ms);
        if (!a)
          throw new Error(
            `no message from the terminal within ${ms} ms; so far: ${seen.map((x) => x.toString('hex')).join(' | ')}`,
          );
        seen.push(a);
        await sendBytes(encodeFrame(ACK_APDU));
        if (until(a)) return seen;
      }
    },
    writeRaw: (bytes) => {
      port.write(typeof bytes === 'string' ? hex(bytes) : bytes);
    },
    next,
    close: () => new Promise((resolve) => port.close(() => resolve())),
  };
  port.on('data', (chunk: Buffer) => {
    for (const f of parser.push(chunk)) {
      if (f.type === 'ack') linkAnswers.put(Buffer.from([0x06]));
      else if (f.type === 'nak') linkAnswers.put(Buffer.from([0x15]));
      else if (f.type === 'apdu') {
        const key = f.apdu.toString('hex');
        arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
        if (ecr.linkAnswer !== 'none') port.write(Buffer.from([ecr.linkAnswer === 'ack' ? 0x06 : 0x15]));
        // Only a frame the ECR's link took reaches its application; the others show in `arrivals`.
        if (ecr.linkAnswer === 'ack') inbox.put(f.apdu);
      }
    }
  });
  return ecr;
}
