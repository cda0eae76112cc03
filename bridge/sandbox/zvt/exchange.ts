// One command's conversation between the simulated terminal and the ECR. While master, the terminal
// sends a message and waits T3 for the ECR's 80 00 00 (PA00P016 §5.2.5). An answer counts only for the
// message in flight: a late 80 00 00 to a message already given up is dropped, never taken for the next
// one's. The conversation ends early when the ECR is gone (link closed) or has given up on it (a new
// command arrived): then nothing more of it goes out, and waits and the card wait end at once.
import type { ZvtTransport } from '../../terminals/zvt/transport.js';

/**
 * What became of a message sent as master: `ack` (80 00 00, or 84 00 which PA00P016 §5.2.3 also counts
 * as positive), `repeat` (84 9C: "send the Status-Information again after … 2 seconds", PA00P015 §2.2.6),
 * `refused` (any other 84 xx), `silent` (no answer within T3, or the link could not deliver it),
 * `abandoned` (the ECR went away or sent a new command).
 */
export type Answer = 'ack' | 'repeat' | 'refused' | 'silent' | 'abandoned';

export function answerOf(apdu: Uint8Array): 'ack' | 'repeat' | 'refused' {
  if (apdu[0] === 0x80 || apdu[1] === 0x00) return 'ack';
  return apdu[1] === 0x9c ? 'repeat' : 'refused';
}

/** What the terminal's behaviour (terminal.ts) needs of the conversation. */
export interface TerminalIo {
  /** Sends without waiting for an answer (the 80 00 00 that takes a command on, or a refusal). */
  send(apdu: Buffer): void;
  /** Sends one message as master and waits for the ECR's answer to it. */
  tell(apdu: Buffer): Promise<Answer>;
  /** Waits, but no longer than until the ECR aborts (06 B0) or the conversation ends. */
  sleep(ms: number): Promise<void>;
  /** The ECR sent 06 B0 since the command began. */
  aborted(): boolean;
  /** The ECR went away or gave up on this command: nothing more is sent for it. */
  abandoned(): boolean;
}

export class Exchange implements TerminalIo {
  private waiting: ((a: Answer) => void) | undefined;
  private readonly sleepers = new Set<() => void>();
  private abortedFlag = false;
  private abandonedFlag = false;

  /** `onSilence`: what the link does when the ECR leaves a message unanswered for T3 (TCP closes). */
  constructor(
    private readonly link: ZvtTransport,
    private readonly t3Ms: number,
    private readonly onSilence: () => void = () => {},
  ) {}

  send(apdu: Buffer): void {
    if (!this.abandonedFlag) this.link.send(apdu).catch(() => undefined);
  }

  tell(apdu: Buffer): Promise<Answer> {
    if (this.abandonedFlag) return Promise.resolve('abandoned');
    return new Promise((resolve) => {
      const finish = (a: Answer) => {
        if (this.waiting !== finish) return;
        this.waiting = undefined;
        clearTimeout(timer);
        if (a === 'silent') this.onSilence();
        resolve(a);
      };
      // Set before sending: on serial the answer can come in the same read as the link's ACK.
      this.waiting = finish;
      const timer = setTimeout(() => {
        // Given up: a serial link still repeating the frame would hold back the answer to the next command.
        if (this.waiting === finish) this.link.discardOutgoing?.();
        finish('silent');
      }, this.t3Ms);
      // A serial link gives up after NAK or silence, three times (PA00P016 §3.5): the ECR did not take it.
      this.link.send(apdu).catch(() => finish('silent'));
    });
  }

  /** The ECR's 80 00 / 84 xx. False if no message of ours waits for it (a late answer, dropped). */
  answer(apdu: Uint8Array): boolean {
    const w = this.waiting;
    if (!w) return false;
    w(answerOf(apdu));
    return true;
  }

  sleep(ms: number): Promise<void> {
    if (this.abortedFlag || this.abandonedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        this.sleepers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  aborted(): boolean {
    return this.abortedFlag;
  }

  abandoned(): boolean {
    return this.abandonedFlag;
  }

  /** 06 B0 from the ECR. */
  abort(): void {
    this.abortedFlag = true;
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * The ECR went away or sent a new command: the message in flight counts as unanswered, and on a
   * serial line the frames still being repeated are dropped, so the answer to the new command goes
   * out at once instead of after the old frame's T2 repeats.
   */
  abandon(): void {
    if (this.abandonedFlag) return;
    this.abandonedFlag = true;
    this.link.discardOutgoing?.();
    this.waiting?.('abandoned');
    for (const wake of [...this.sleepers]) wake();
  }
}
