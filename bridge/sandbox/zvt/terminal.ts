// The ZVT terminal simulator's behaviour, independent of the transport: answers the ECR's commands the
// way a terminal does (80 00 00, then 04 FF statuses, 04 0F result, print lines, 06 0F or 06 1E), keeps
// the open reservations with their receipt numbers, waits "for the card", declines a magic amount,
// honours abort, and speaks TLV only to an ECR that asked for it. Every behaviour and its source is
// listed in README.md beside this file.
import { decodeMessage, valuesOf, type ZvtMessage, type ZvtValues } from '../../terminals/zvt/message.js';
import {
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
  failedStatus,
  intermediateStatus,
  NOT_POSSIBLE,
  openPreauthAnswer,
  printLine,
  PROTOCOL_ERROR,
  registrationCompletion,
  statusEnquiryCompletion,
  statusInformation,
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
}

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

  /** Called just before a booking's 04 0F goes out (tests crash the ECR here). */
  beforeResult?: (r: Reservation) => Promise<void> | void;

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
    // The receipt goes to the ECR only if it prints payment receipts via Print Line (config 02 + 80);
    // a refusal (84 CC, printer not ready) does not undo the booking (§2.2.8), nor does silence.
    if (
      ecrPrintsPaymentReceipts(this.ecr) &&
      !heard(await io.tell(printLine(`Beleg ${r.receipt}  EUR ${(amount / 100).toFixed(2)}`)))
    )
      return;
    await io.tell(completion());
  }
}
