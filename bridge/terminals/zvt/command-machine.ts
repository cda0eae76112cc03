// One ZVT command as a pure state machine (after zwave-js's SerialAPICommandMachine): states, inputs
// and typed failure reasons; it returns effects instead of doing I/O. A small interpreter performs
// the effects on a transport and feeds back what happens.
//
// The generic flow (VDT PA00P016 ch. 5; shared zvt.md §2.6): the ECR sends the command; the terminal
// answers 80 00 (accepted, it is now master) or 84 xx (refused); it then sends 0..n 04 FF intermediate
// statuses, at most one 04 0F result, print lines/blocks, and finally 06 0F (success) or 06 1E (failure),
// each answered by the ECR with 80 00 00. Booking is final when the ECR acknowledges 04 0F, so the result
// is persisted before that acknowledgement goes out.
import { ApduError, decodeApdu } from './apdu.js';
import { readIntermediateStatus } from './intermediate-status.js';
import { decodeMessage, valuesOf, type ZvtMessage, type ZvtValues } from './message.js';

export type CommandState = 'sending' | 'awaiting_ack' | 'master' | 'persisting' | 'done' | 'failed';

export type CommandInput =
  | { readonly type: 'sent' }
  | { readonly type: 'received'; readonly apdu: Buffer }
  | { readonly type: 'persisted' }
  | { readonly type: 'timeout'; readonly timer: 'T3' | 'T4' }
  | { readonly type: 'transport_error'; readonly reason: string };

export type CommandFailure =
  | { readonly kind: 'refused'; readonly resultCode: number }
  /** `closing`: the fields of the 06 1E itself (the open pre-auth enquiry answers with a receipt there). */
  | {
      readonly kind: 'declined';
      readonly resultCode: number;
      readonly result?: ZvtValues;
      readonly closing?: ZvtValues;
    }
  | { readonly kind: 'no_answer'; readonly timer: 'T3' | 'T4' }
  | { readonly kind: 'transport'; readonly reason: string }
  | { readonly kind: 'protocol'; readonly reason: string };

export type CommandEffect =
  | { readonly type: 'send'; readonly apdu: Buffer }
  | { readonly type: 'ack' }
  | { readonly type: 'start_timer'; readonly timer: 'T3' | 'T4'; readonly ms: number }
  | { readonly type: 'status'; readonly code: number; readonly text?: string }
  | { readonly type: 'print'; readonly text: string }
  /** Write this result durably, then feed `persisted` back: only then is 04 0F acknowledged. */
  | { readonly type: 'persist'; readonly result: ZvtValues };

export interface CommandSnapshot {
  readonly state: CommandState;
  /** The terminal answered 80 00: it took the command on. A failure before that means nothing happened. */
  readonly accepted?: boolean;
  readonly result?: ZvtValues;
  /** The successful 04 0F was persisted and acknowledged: the booking stands, whatever comes after. */
  readonly booked?: boolean;
  readonly receipt: readonly string[];
  readonly failure?: CommandFailure;
  /** The 06 0F that ended the command: registration's terminal id, a status enquiry's version and status. */
  readonly completion?: { readonly values: ZvtValues; readonly prefix: Buffer };
}

export interface Timers {
  readonly t3Ms: number;
  readonly t4Ms: number;
}

export const DEFAULT_TIMERS: Timers = { t3Ms: 5_000, t4Ms: 180_000 };

const ACK_APDU = Buffer.from([0x80, 0x00, 0x00]);
const is = (m: ZvtMessage, cls: number, instr: number) => m.cls === cls && m.instr === instr;

/**
 * The message and its values, or why it cannot be read: a serial frame can carry an APDU whose length
 * field lies, and a field can hold digits that are not BCD. Reading never throws out of the machine.
 */
function read(apdu: Buffer): { m: ZvtMessage; v: ZvtValues } | string {
  try {
    const m = decodeMessage(apdu);
    return { m, v: valuesOf(m) };
  } catch (err) {
    if (err instanceof ApduError || err instanceof RangeError)
      return `unreadable message ${apdu.subarray(0, 8).toString('hex')}: ${err.message}`;
    throw err;
  }
}

export class CommandMachine {
  private snap: CommandSnapshot = { state: 'sending', receipt: [] };

  constructor(
    private readonly command: Buffer,
    private readonly timers: Timers = DEFAULT_TIMERS,
  ) {}

  get snapshot(): CommandSnapshot {
    return this.snap;
  }

  start(): CommandEffect[] {
    return [{ type: 'send', apdu: this.command }];
  }

  private fail(failure: CommandFailure, effects: CommandEffect[] = []): CommandEffect[] {
    this.snap = { ...this.snap, state: 'failed', failure };
    return effects;
  }

  next(input: CommandInput): CommandEffect[] {
    const s = this.snap.state;
    if (s === 'done' || s === 'failed') return [];
    if (input.type === 'transport_error') return this.fail({ kind: 'transport', reason: input.reason });
    if (input.type === 'timeout') return this.fail({ kind: 'no_answer', timer: input.timer });
    switch (s) {
      case 'sending':
        if (input.type === 'sent') {
          this.snap = { ...this.snap, state: 'awaiting_ack' };
          return [{ type: 'start_timer', timer: 'T3', ms: this.timers.t3Ms }];
        }
        if (input.type !== 'received') return [];
        // The answer can overtake the transport's "sent" (on serial it comes in the same read as the link
        // ACK of our frame); the terminal answering proves the command arrived. The late "sent" is ignored.
        this.snap = { ...this.snap, state: 'awaiting_ack' };
        return this.next(input);
      case 'awaiting_ack': {
        if (input.type !== 'received') return [];
        const r = read(input.apdu);
        if (typeof r === 'string') return this.fail({ kind: 'protocol', reason: r });
        const { m } = r;
        if (m.cls === 0x80) {
          this.snap = { ...this.snap, state: 'master', accepted: true };
          return [{ type: 'start_timer', timer: 'T4', ms: this.timers.t4Ms }];
        }
        if (m.cls === 0x84) return this.fail({ kind: 'refused', resultCode: m.instr });
        return this.fail({
          kind: 'protocol',
          reason: `expected 80 00 or 84 xx, got ${m.cls.toString(16)} ${m.instr.toString(16)}`,
        });
      }
      case 'persisting':
        if (input.type !== 'persisted') return [];
        this.snap = { ...this.snap, state: 'master', booked: true };
        return [{ type: 'ack' }, { type: 'start_timer', timer: 'T4', ms: this.timers.t4Ms }];
      case 'master': {
        if (input.type !== 'received') return [];
        const r = read(input.apdu);
        // Not acknowledged: the terminal reverses whatever it could not report (§2.2.8), so nothing
        // stands, unless the booking was acknowledged already.
        if (typeof r === 'string') return this.fail({ kind: 'protocol', reason: r });
        const { m, v } = r;
        // 80 00 / 84 xx is the terminal's answer to our abort (06 B0), not a message of its own: an
        // acknowledgement is never acknowledged.
        if (m.cls === 0x80 || m.cls === 0x84) return [];
        if (is(m, 0x04, 0xff)) {
          // An intermediate status restarts T4 (and may set a new one, in BCD minutes). Real terminals
          // mostly send the status byte alone; display texts (TLV 24) only to an ECR that asked for TLV.
          const status = readIntermediateStatus(decodeApdu(input.apdu).data);
          return [
            { type: 'ack' },
            { type: 'status', code: status.code, ...(status.text ? { text: status.text } : {}) },
            {
              type: 'start_timer',
              timer: 'T4',
              ms: status.timeoutMinutes ? status.timeoutMinutes * 60_000 : this.timers.t4Ms,
            },
          ];
        }
        if (is(m, 0x04, 0x0f)) {
          const result = v;
          this.snap = { ...this.snap, result };
          if ((result.resultCode ?? 0) !== 0) return [{ type: 'ack' }];
          this.snap = { ...this.snap, state: 'persisting' };
          return [{ type: 'persist', result }];
        }
        if (is(m, 0x06, 0xd1)) {
          const text = m.prefix.subarray(1).toString('latin1');
          this.snap = { ...this.snap, receipt: [...this.snap.receipt, text] };
          return [{ type: 'ack' }, { type: 'print', text }];
        }
        if (is(m, 0x06, 0xd3)) {
          const lines =
            v.tlv
              ?.find((o) => o.tag === 0x25)
              ?.children?.filter((c) => c.tag === 0x07)
              .map((c) => c.value.toString('latin1')) ?? [];
          this.snap = { ...this.snap, receipt: [...this.snap.receipt, ...lines] };
          return [{ type: 'ack' }, ...lines.map((text) => ({ type: 'print' as const, text }))];
        }
        if (is(m, 0x06, 0x0f)) {
          this.snap = { ...this.snap, state: 'done', completion: { values: v, prefix: m.prefix } };
          return [{ type: 'ack' }];
        }
        if (is(m, 0x06, 0x1e)) {
          const code = m.prefix[0] ?? 0xff;
          // An error after the acknowledged result does not undo the booking (VDT PA00P015 §2.2.8).
          if (this.snap.booked) {
            this.snap = { ...this.snap, state: 'done' };
            return [{ type: 'ack' }];
          }
          return this.fail(
            {
              kind: 'declined',
              resultCode: code,
              closing: v,
              ...(this.snap.result ? { result: this.snap.result } : {}),
            },
            [{ type: 'ack' }],
          );
        }
        // Anything else the terminal sends while master is acknowledged and otherwise ignored.
        return [{ type: 'ack' }];
      }
    }
    return [];
  }
}

export { ACK_APDU };
