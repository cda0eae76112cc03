// The ZVT terminal simulator's behaviour, independent of the transport: answers the ECR's commands the
// way a terminal does (80 00 00, then 04 FF statuses, 04 0F result, print lines, 06 0F or 06 1E), keeps
// the open reservations with their receipt numbers, waits "for the card", declines a magic amount,
// honours abort, and speaks TLV only to an ECR that asked for it. Every behaviour and its source is
// listed in README.md beside this file.
import { decodeMessage, valuesOf, type ZvtMessage, type ZvtValues } from '../../terminals/zvt/message.js';
import {
  ecrPrintsAdminReceipts,
  ecrPrintsPaymentReceipts,
  INITIAL_SETTINGS,
  LOGGED_OFF,
  sendsIntermediateStatus,
  settingsAfterRequest,
  settingsOfRegistration,
  type EcrSettings,
} from './ecr-settings.js';
import type { Answer, TerminalIo } from './exchange.js';
import {
  abortWith,
  ACK,
  completion,
  endOfDayStatus,
  failedStatus,
  intermediateStatus,
  NOT_POSSIBLE,
  openPreauthAnswer,
  printLine,
  PROTOCOL_ERROR,
  registrationCompletion,
  statusEnquiryCompletion,
  statusInformation,
  ZVT_TERMINAL_ID,
} from './pt-messages.js';

export { ZVT_SOFTWARE_VERSION, ZVT_TERMINAL_ID } from './pt-messages.js';

/** Amount (minor units) the simulated issuer declines, with result code 05. */
export const ZVT_DECLINE_AMOUNT = 5101;

export interface Reservation {
  receipt: number;
  trace: number;
  amount: number;
  state: 'open' | 'booked' | 'reversed';
  booked: number;
  /** The ECR never acknowledged the result, so the terminal took the booking back itself. */
  autoReversed?: boolean;
  /** Sent to the host with an end of day: no longer in the terminal's turnover. */
  closed?: boolean;
  /** Test control, not terminal behaviour: left out of the end-of-day totals (see forgetLastBooking). */
  forgotten?: boolean;
}

/** ZVT card type 06 (Mastercard, what the simulator books) counts in BMP 60's Eurocard group (index 2). */
const EUROCARD_GROUP = 2;

/** 84 9C to a 04 0F: "send the Status-Information again after a wait-time of 2 seconds" (PA00P015 §2.2.6). */
const REPEAT_STATUS_MS = 2_000;
/**
 * How many 84 9C the terminal takes before it reverses, without BMP 02 <max. status-infos> in the
 * request. Assumption: 3, the spec's own example value, because §2.2.6 gives no default.
 */
const DEFAULT_MAX_STATUS_INFOS = 3;

/** An answer that leaves the ECR in step with us: it heard the message, even if it refused it. */
const heard = (a: Answer) => a === 'ack' || a === 'repeat' || a === 'refused';

export class SimulatedTerminal {
  readonly reservations = new Map<number, Reservation>();
  private receipt = 230;
  private trace = 970;

  /** What the last Registration set up (config byte, TLV); before any, as the captured Feig ECR registers. */
  ecr: EcrSettings = INITIAL_SETTINGS;

  /**
   * The password and currency of the last Registration as they came (PA00P015 §2.1: the prefix is the
   * password in 3 BCD bytes, the config byte, the currency code in 2 BCD bytes). Recorded for tests that
   * check what an ECR sent; the simulator accepts any password, as it did before.
   */
  lastRegistration?: { readonly password: string; readonly currency: string | null };

  /** While true, the ECR's acknowledgements are lost on the way (tests: an ECR that dies after its write). */
  deafToAcks = false;

  /** The booking acknowledged last (forgetLastBooking's target). */
  private lastBooked?: Reservation;

  /** Called just before a booking's 04 0F goes out (tests crash the ECR here). */
  beforeResult?: (r: Reservation) => Promise<void> | void;

  /** How long the end of day's transfer to the host takes (ms); tests lengthen it to see the progress. */
  hostMs = 0;

  /** `cardMs`: how long the simulated customer takes to present the card. */
  constructor(
    public cardMs = 200,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Handles one ECR command to the end of its flow, or until the ECR goes away or gives up on it. */
  async handle(command: Buffer, io: TerminalIo): Promise<void> {
    let m: ZvtMessage;
    let v: ZvtValues;
    try {
      m = decodeMessage(command);
      v = valuesOf(m);
    } catch {
      // A serial frame can carry an APDU whose length lies, a field can hold non-BCD digits.
      io.send(PROTOCOL_ERROR);
      return;
    }
    const key = (m.cls << 8) | m.instr;
    if (key !== 0x0600 && key !== 0x0602) this.ecr = settingsAfterRequest(this.ecr, m);
    switch (key) {
      case 0x0600: // Registration
        io.send(ACK);
        this.ecr = settingsOfRegistration(m);
        this.lastRegistration = {
          password: m.prefix.subarray(0, 3).toString('hex'),
          currency: m.prefix.length >= 6 ? m.prefix.subarray(4, 6).toString('hex') : null,
        };
        await io.tell(registrationCompletion(m.prefix.length >= 6));
        return;
      case 0x0602: // Log-Off: answered with 80 00 00 alone (PA00P015 §2.24)
        io.send(ACK);
        this.ecr = LOGGED_OFF;
        return;
      case 0x0501: // Status enquiry: software version, status 00 ready
        io.send(ACK);
        await io.tell(statusEnquiryCompletion());
        return;
      case 0x0622:
        return this.preauthorise(io, m, v);
      case 0x0650:
        return this.endOfDay(io);
      case 0x0623:
      case 0x0624:
      case 0x0625:
        return this.settle(io, key, m, v);
      default:
        // Anything else: "function not possible".
        io.send(NOT_POSSIBLE);
    }
  }

  /**
   * 04 FF, sent only to an ECR that asked for intermediate status (config bit 08). It is information:
   * a refusal does not stop the command, silence does. False when the command must end here.
   */
  private async status(io: TerminalIo, code: number, text: string): Promise<boolean> {
    if (!sendsIntermediateStatus(this.ecr)) return true;
    return heard(await io.tell(intermediateStatus(code, text, this.ecr.tlv)));
  }

  /**
   * Sends a booking's 04 0F. The booking stands only if the ECR acknowledges it; otherwise the terminal
   * reverses it on its own (the auto-reversal of PA00P015 §2.2.6/§2.2.8) and ends the command.
   */
  private async book(
    io: TerminalIo,
    m: ZvtMessage,
    r: Reservation,
    amount: number,
    undo: () => void,
  ): Promise<boolean> {
    await this.beforeResult?.(r);
    const withCurrency = m.fields.some((f) => f.bmp === 0x49);
    const maxStatusInfos = m.fields.find((f) => f.bmp === 0x02)?.value[0] ?? DEFAULT_MAX_STATUS_INFOS;
    let answer: Answer;
    for (let sent = 1; ; sent++) {
      answer = await io.tell(statusInformation(r, amount, withCurrency, this.now()));
      if (answer !== 'repeat' || sent > maxStatusInfos) break;
      await io.sleep(REPEAT_STATUS_MS);
      if (io.abandoned()) break;
    }
    if (answer === 'ack') return true;
    undo();
    r.autoReversed = true;
    // "If the ECR sends 84-9C-00 so often that <max. status-infos> is exceeded, the PT reverses the
    // payment and afterwards sends a Status-Information with error-message 04-0F-02-27-6C" (§2.2.6).
    if (answer === 'repeat' && heard(await io.tell(failedStatus(0x6c)))) await io.tell(abortWith(0x6c));
    // 84 yy: "the PT reverses the payment" (§2.2.6 c). Assumption: it then ends with 06 1E 6C, because
    // the spec does not say how; the ECR answered, so it waits for the end of the command.
    if (answer === 'refused') await io.tell(abortWith(0x6c));
    return false;
  }

  /** Pre-authorisation (06 22), or an extension when it names the receipt of an open reservation. */
  private async preauthorise(io: TerminalIo, m: ZvtMessage, v: ZvtValues): Promise<void> {
    io.send(ACK);
    const amount = v.amount ?? 0;
    const existing = v.receipt ? this.reservations.get(Number(v.receipt)) : undefined;
    if (!existing && !(await this.status(io, 0x0a, 'Karte bitte'))) return;
    await io.sleep(this.cardMs);
    if (io.abandoned()) return;
    if (io.aborted()) {
      await io.tell(abortWith(0x6c));
      return;
    }
    // Waiting for the host, as the Feig reports it (capture 1680728162.647465000_pt_ecr: 04 FF 01 17).
    if (!(await this.status(io, 0x17, 'Bitte warten...'))) return;
    if (amount === ZVT_DECLINE_AMOUNT) {
      if (!(await this.status(io, 0x1d, 'Abgelehnt'))) return;
      if (heard(await io.tell(failedStatus(0x05)))) await io.tell(abortWith(0x05));
      return;
    }
    const r: Reservation = existing ?? {
      receipt: ++this.receipt,
      trace: ++this.trace,
      amount: 0,
      state: 'open',
      booked: 0,
    };
    r.amount += amount;
    this.reservations.set(r.receipt, r);
    if (
      !(await this.book(io, m, r, amount, () => {
        r.amount -= amount;
        if (!existing) r.state = 'reversed';
      }))
    )
      return;
    await io.tell(completion());
  }

  /** Book total (06 24), pre-authorisation reversal (06 25), partial reversal or open pre-auth enquiry (06 23). */
  private async settle(io: TerminalIo, key: number, m: ZvtMessage, v: ZvtValues): Promise<void> {
    io.send(ACK);
    if (key === 0x0623 && v.receipt === 'FFFF') {
      const open = [...this.reservations.values()].filter((r) => r.state === 'open').map((r) => r.receipt);
      await io.tell(openPreauthAnswer(open, this.ecr.tlv));
      return;
    }
    const r = v.receipt ? this.reservations.get(Number(v.receipt)) : undefined;
    if (!r || r.state !== 'open') {
      await io.tell(abortWith(0xb8));
      return;
    }
    const amount = key === 0x0624 ? (v.amount ?? r.amount) : key === 0x0623 ? r.amount - (v.amount ?? 0) : 0;
    if (amount > r.amount || amount < 0) {
      await io.tell(abortWith(0xb7));
      return;
    }
    r.state = key === 0x0625 ? 'reversed' : 'booked';
    r.booked = amount;
    if (
      !(await this.book(io, m, r, amount, () => {
        r.state = 'open';
        r.booked = 0;
      }))
    )
      return;
    if (r.state === 'booked') this.lastBooked = r;
    // The receipt goes to the ECR only if it prints payment receipts via Print Line (config 02 + 80);
    // a refusal (84 CC, printer not ready) does not undo the booking (§2.2.8), nor does silence.
    if (
      ecrPrintsPaymentReceipts(this.ecr) &&
      !heard(await io.tell(printLine(`Beleg ${r.receipt}  EUR ${(amount / 100).toFixed(2)}`)))
    )
      return;
    await io.tell(completion());
  }

  /**
   * Test control, not terminal behaviour: the terminal "loses" its last booking, so the next end of day
   * reports one booking less than posbridge made (what the totals comparison must catch).
   */
  forgetLastBooking(): Reservation | undefined {
    if (this.lastBooked) this.lastBooked.forgotten = true;
    return this.lastBooked;
  }

  /** The bookings an end of day would send to the host: booked, not closed yet. */
  batch(): Reservation[] {
    return [...this.reservations.values()].filter((r) => r.state === 'booked' && r.booked > 0 && !r.closed);
  }

  /**
   * End-of-Day (06 50, §2.16): 80 00 00, 04 FF "please wait" while it talks to the host, the totals in
   * 04 0F, the receipt as print lines to an ECR that prints administration receipts (config 04 + 80), 06 0F.
   * The turnover counts as sent only once the ECR acknowledged the 04 0F (assumption, as for bookings: the
   * spec's §2.2.8 speaks of payments; an unconfirmed report leaves the batch for the next end of day).
   */
  private async endOfDay(io: TerminalIo): Promise<void> {
    io.send(ACK);
    if (!(await this.status(io, 0x17, 'Bitte warten...'))) return;
    await io.sleep(this.hostMs);
    if (io.abandoned()) return;
    const batch = this.batch();
    const counted = batch.filter((r) => !r.forgotten);
    const amount = counted.reduce((n, r) => n + r.booked, 0);
    const groups = counted.length ? [{ group: EUROCARD_GROUP, count: counted.length, amount }] : [];
    const receipts = batch.length
      ? { from: Math.min(...batch.map((r) => r.receipt)), to: Math.max(...batch.map((r) => r.receipt)) }
      : { from: 0, to: 0 };
    const answer = await io.tell(endOfDayStatus(groups, receipts, ++this.trace, this.now()));
    if (answer !== 'ack') return;
    for (const r of batch) r.closed = true;
    if (ecrPrintsAdminReceipts(this.ecr)) {
      const euros = (n: number) => (n / 100).toFixed(2).replace('.', ',');
      for (const line of [
        'Kassenschnitt',
        `Terminal-ID ${ZVT_TERMINAL_ID}`,
        `Beleg-Nr. ${receipts.from} - ${receipts.to}`,
        `Mastercard ${counted.length}  EUR ${euros(amount)}`,
        `Gesamt ${counted.length}  EUR ${euros(amount)}`,
      ])
        if (!heard(await io.tell(printLine(line)))) return;
    }
    await io.tell(completion());
  }
}
