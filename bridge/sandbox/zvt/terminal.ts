// The ZVT terminal simulator's behaviour, independent of the transport: answers the ECR's commands the
// way a terminal does (80 00 00, then 04 FF texts, 04 0F result, 06 0F or 06 1E), keeps the open
// reservations with their receipt numbers, waits "for the card", declines a magic amount, honours abort.
import { amountToBcd, digitsToBcd } from '../../terminals/zvt/bcd.js';
import { bmp, varLength } from '../../terminals/zvt/bmp.js';
import { ACK_APDU as ACK } from '../../terminals/zvt/command-machine.js';
import { currencyBcd } from '../../terminals/zvt/commands.js';
import { encodeApdu } from '../../terminals/zvt/apdu.js';
import { decodeMessage, valuesOf } from '../../terminals/zvt/message.js';
import { encodeTlv } from '../../terminals/zvt/tlv.js';

/** Amount (minor units) the simulated issuer declines, with result code 05. */
export const ZVT_DECLINE_AMOUNT = 5101;
export const ZVT_TERMINAL_ID = '52523535';
export const ZVT_SOFTWARE_VERSION = 'posbridge-sim 1';


export interface Reservation {
  receipt: number;
  trace: number;
  amount: number;
  state: 'open' | 'booked' | 'reversed';
  booked: number;
  /** The ECR never acknowledged the result, so the terminal took the booking back itself. */
  autoReversed?: boolean;
}

/** How long the terminal waits for the ECR's acknowledgement (T3). */
const ACK_WAIT_MS = 5_000;

const apdu = (cls: number, instr: number, ...parts: Buffer[]) => encodeApdu({ cls, instr, data: Buffer.concat(parts) });
const bcd = (n: number, bytes: number) => digitsToBcd(String(n), bytes);
const two = (n: number) => String(n).padStart(2, '0');
const EUR = currencyBcd('EUR');

export interface TerminalIo {
  send(apdu: Buffer): Promise<void>;
  /** Resolves with the ECR's next message (its acknowledgement of ours). */
  /** Resolves with the ECR's next message, or undefined when none comes within `timeoutMs` or the link closed. */
  receive(timeoutMs: number): Promise<Buffer | undefined>;
  sleep(ms: number): Promise<void>;
  /** True if the ECR sent 06 B0 since the command began. */
  aborted(): boolean;
}

export class SimulatedTerminal {
  readonly reservations = new Map<number, Reservation>();
  private receipt = 230;
  private trace = 970;

  /** While true, the ECR's acknowledgements are lost on the way (tests: an ECR that dies after its write). */
  deafToAcks = false;

  /** Called just before a booking's 04 0F goes out (tests crash the ECR here). */
  beforeResult?: (r: Reservation) => Promise<void> | void;

  /** How long the simulated customer takes to present the card. */
  constructor(public cardMs = 200) {}

  private displayText(status: number, text: string): Buffer {
    return apdu(0x04, 0xff, Buffer.from([status]), bmp(0x06, encodeTlv([{ tag: 0x24, value: Buffer.alloc(0), children: [{ tag: 0x07, value: Buffer.from(text, 'latin1') }] }])));
  }

  /** Sends one message as master and waits for the ECR's 80 00 00. */
  private async tell(io: TerminalIo, message: Buffer): Promise<boolean> {
    await io.send(message);
    return (await io.receive(ACK_WAIT_MS)) !== undefined;
  }

  /**
   * Sends a booking's 04 0F. The booking stands only if the ECR acknowledges it; otherwise the terminal
   * reverses it on its own (the "auto-reversal" of the specification) and ends the command.
   */
  private async book(io: TerminalIo, r: Reservation, amount: number, undo: () => void): Promise<boolean> {
    await this.beforeResult?.(r);
    if (await this.tell(io, this.result(r, amount))) return true;
    undo();
    r.autoReversed = true;
    return false;
  }

  private result(r: Reservation, amount: number, rc = 0): Buffer {
    const now = new Date();
    const time = digitsToBcd(two(now.getHours()) + two(now.getMinutes()) + two(now.getSeconds()), 3);
    const date = digitsToBcd(two(now.getMonth() + 1) + two(now.getDate()), 2);
    return apdu(0x04, 0x0f, bmp(0x27, Buffer.from([rc])), bmp(0x04, amountToBcd(amount)), bmp(0x49, EUR),
      bmp(0x0c, time), bmp(0x0d, date), bmp(0x22, Buffer.from('672559EEEEEE1234', 'hex')), bmp(0x87, bcd(r.receipt, 2)),
      bmp(0x3b, Buffer.from('750071\0\0', 'latin1')), bmp(0x0b, bcd(r.trace, 3)), bmp(0x29, Buffer.from(ZVT_TERMINAL_ID, 'hex')), bmp(0x8a, Buffer.from([0x06])));
  }

  /** Handles one ECR command to the end of its flow. */
  async handle(command: Buffer, io: TerminalIo): Promise<void> {
    const m = decodeMessage(command);
    const v = valuesOf(m);
    const key = (m.cls << 8) | m.instr;
    switch (key) {
      case 0x0600: // Registration
        await io.send(ACK);
        await this.tell(io, apdu(0x06, 0x0f, bmp(0x19, Buffer.from([0x00])), bmp(0x29, Buffer.from(ZVT_TERMINAL_ID, 'hex')), bmp(0x49, EUR)));
        return;
      case 0x0501: // Status enquiry: software version (LLLVAR), status 00 ready
        await io.send(ACK);
        await this.tell(io, apdu(0x06, 0x0f, varLength(ZVT_SOFTWARE_VERSION.length, 3), Buffer.from(ZVT_SOFTWARE_VERSION, 'latin1'), Buffer.from([0x00])));
        return;
      case 0x0622: { // Pre-authorisation (or an extension, when it carries a receipt)
        await io.send(ACK);
        const amount = v.amount ?? 0;
        const existing = v.receipt ? this.reservations.get(Number(v.receipt)) : undefined;
        if (!existing) await this.tell(io, this.displayText(0x0a, 'Karte bitte'));
        await io.sleep(this.cardMs);
        if (io.aborted()) { await this.tell(io, apdu(0x06, 0x1e, Buffer.from([0x6c]))); return; }
        if (amount === ZVT_DECLINE_AMOUNT) {
          await this.tell(io, this.displayText(0x1d, 'Abgelehnt'));
          await this.tell(io, apdu(0x04, 0x0f, bmp(0x27, Buffer.from([0x05]))));
          await this.tell(io, apdu(0x06, 0x1e, Buffer.from([0x05])));
          return;
        }
        const r: Reservation = existing ?? { receipt: ++this.receipt, trace: ++this.trace, amount: 0, state: 'open', booked: 0 };
        r.amount += amount;
        this.reservations.set(r.receipt, r);
        if (!(await this.book(io, r, amount, () => { r.amount -= amount; if (!existing) r.state = 'reversed'; }))) return;
        await this.tell(io, apdu(0x06, 0x0f));
        return;
      }
      case 0x0624: // Book total
      case 0x0625: // Pre-authorisation reversal
      case 0x0623: { // Partial reversal, or the open pre-auth enquiry with receipt FFFF
        await io.send(ACK);
        if (key === 0x0623 && v.receipt === 'FFFF') {
          const open = [...this.reservations.values()].find((r) => r.state === 'open');
          await this.tell(io, apdu(0x06, 0x1e, Buffer.from([0xb8]), bmp(0x87, open ? bcd(open.receipt, 2) : Buffer.from([0xff, 0xff]))));
          return;
        }
        const r = v.receipt ? this.reservations.get(Number(v.receipt)) : undefined;
        if (!r || r.state !== 'open') { await this.tell(io, apdu(0x06, 0x1e, Buffer.from([0xb8]))); return; }
        const amount = key === 0x0624 ? (v.amount ?? r.amount) : key === 0x0623 ? r.amount - (v.amount ?? 0) : 0;
        if (amount > r.amount) { await this.tell(io, apdu(0x06, 0x1e, Buffer.from([0xb7]))); return; }
        r.state = key === 0x0625 ? 'reversed' : 'booked';
        r.booked = amount;
        if (!(await this.book(io, r, amount, () => { r.state = 'open'; r.booked = 0; }))) return;
        await this.tell(io, apdu(0x06, 0xd1, Buffer.from([0x00]), Buffer.from(`Beleg ${r.receipt}  EUR ${(amount / 100).toFixed(2)}`, 'latin1')));
        await this.tell(io, apdu(0x06, 0x0f));
        return;
      }
      default:
        // Anything else: "function not possible".
        await io.send(Buffer.from([0x84, 0x83, 0x00]));
    }
  }
}
