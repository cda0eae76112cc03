// Connects the simulated terminal to one ECR link (TCP socket or serial line). Commands run one at a
// time, as on a terminal; the ECR's answers (80 00 / 84 xx) go to the message in flight of the command
// running, and 06 B0 aborts it. Whatever goes wrong in one command, the next command is answered:
// - a new command while one runs means the ECR has given up on it (its T3/T4 ran out, or it could not
//   read our last message): the running command ends at once, sending nothing more, reversing what the
//   ECR never acknowledged, and the new one is taken on. Assumption, because the specification only
//   lets the ECR send 06 B0 while the terminal is master (PA00P015 §2.23) and does not say what a
//   terminal does with anything else; answering the new command is what lets an ECR resynchronise.
// - an answer that comes when nothing waits (late, after T3) is dropped, never credited to a later message.
// - a command that cannot be read is refused with 84 9A 00 (ZVT protocol error, PA00P015 ch. 10).
import type { ZvtTransport } from '../../terminals/zvt/transport.js';
import { Exchange } from './exchange.js';
import { ACK } from './pt-messages.js';
import type { SimulatedTerminal } from './terminal.js';

export interface AttachOptions {
  /** How long the terminal waits for the ECR's answer to a message (T3, PA00P016 §5.2.5). */
  readonly t3Ms: number;
  /** TCP: close the connection when a message stays unanswered for T3 (§5.2.5 "time-out case a"). */
  readonly closeOnSilence: boolean;
}

const isAbort = (a: Buffer) => a[0] === 0x06 && a[1] === 0xb0;
const isAnswer = (a: Buffer) => a[0] === 0x80 || a[0] === 0x84;

export function attachTerminal(terminal: SimulatedTerminal, link: ZvtTransport, opts: AttachOptions): void {
  const commands: Buffer[] = [];
  let current: Exchange | undefined;
  let closed = false;

  const runNext = () => {
    if (current || closed) return;
    const command = commands.shift();
    if (!command) return;
    const exchange = new Exchange(link, opts.t3Ms, () => {
      if (opts.closeOnSilence) void link.close();
    });
    current = exchange;
    void terminal.handle(command, exchange).finally(() => {
      current = undefined;
      runNext();
    });
  };

  link.events.on('error', () => undefined);
  link.events.on('close', () => {
    // The ECR is gone: nothing more can be said, what waits for its answer hears nothing.
    closed = true;
    commands.length = 0;
    current?.abandon();
  });
  link.events.on('apdu', (a: Buffer) => {
    if (closed) return;
    if (isAbort(a)) {
      current?.abort();
      link.send(ACK).catch(() => undefined);
    } else if (isAnswer(a)) {
      if (!terminal.deafToAcks) current?.answer(a);
    } else {
      current?.abandon();
      commands.push(a);
      runNext();
    }
  });
}
