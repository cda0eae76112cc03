// The ZVT terminal simulator over real TCP on loopback, against a hand-driven ECR that misbehaves on
// purpose: it stays silent, refuses a message, answers too late, sends garbage or a cut APDU. Whatever
// happened, the next command is answered. And the simulator sends TLV only to an ECR that asked for it,
// which the driver reads in both forms.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import * as cmd from '../../bridge/terminals/zvt/commands.js';
import { decodeMessage, valuesOf } from '../../bridge/terminals/zvt/message.js';
import { SPEC_PROFILE } from '../../bridge/terminals/zvt/profile.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import { connectZvtTcp } from '../../bridge/terminals/zvt/tcp.js';
import { findTlv } from '../../bridge/terminals/zvt/tlv.js';
import { ACK_APDU, hex, tcpEcr, type TcpEcr } from '../helpers/zvt-ecr.js';

const T3_MS = 800;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/zvt/${name}`, import.meta.url));
const is = (a: Buffer | undefined, cls: number, instr: number) => a !== undefined && a[0] === cls && a[1] === instr;
const ends = (a: Buffer) => is(a, 0x06, 0x0f) || is(a, 0x06, 0x1e);
const PREAUTH = cmd.preauth(2_500, 'EUR', SPEC_PROFILE);
const ENQUIRY = cmd.openPreauthEnquiry();
const NONE_OPEN = fixture('partial_reversal.blob'); // 06 1E 04 B8 87 FF FF
const reversal = (receipt: string) =>
  cmd.preauthReversal('EUR', { receipt }, { ...SPEC_PROFILE, references: ['receipt'] });

let sim: RunningZvtTcpSimulator;
const ecrs: TcpEcr[] = [];
const connect = async () => {
  const e = await tcpEcr(sim.port);
  ecrs.push(e);
  return e;
};
beforeEach(async () => {
  sim = await startZvtTcpSimulator(0, { cardMs: 50, t3Ms: T3_MS });
});
afterEach(async () => {
  for (const e of ecrs.splice(0)) e.close();
  await sim.close();
});

/** The receipt number a 04 0F names. */
const receiptOf = (result: Buffer) => valuesOf(decodeMessage(result)).receipt!;

/** A whole pre-authorisation by the book; returns the terminal's messages and the receipt. */
async function preauth(ecr: TcpEcr): Promise<{ messages: Buffer[]; receipt: string }> {
  ecr.send(PREAUTH);
  expect(await ecr.next()).toEqual(ACK_APDU);
  const messages = await ecr.ackUntil(ends);
  const result = messages.find((m) => is(m, 0x04, 0x0f));
  return { messages, receipt: result ? receiptOf(result) : '' };
}

/** Sends a command, expects 80 00 00 for it at once, then acknowledges every message to its end. */
const answered = async (ecr: TcpEcr, command: Buffer) => {
  ecr.send(command);
  const first = await ecr.next(300);
  expect(first, `80 00 00 to ${command.subarray(0, 2).toString('hex')} within 300 ms`).toEqual(ACK_APDU);
  return ecr.ackUntil(ends);
};

describe('the simulator answers the next command after a broken exchange', () => {
  it('an ECR that could not read a message and said nothing: its next 06 25 and 06 23 87 FF FF get 80 00 00 at once', async () => {
    const ecr = await connect();
    const first = await preauth(ecr);
    ecr.send(PREAUTH);
    expect(await ecr.next()).toEqual(ACK_APDU);
    const status = await ecr.next();
    expect(is(status, 0x04, 0xff)).toBe(true);
    // The ECR cannot read it: it acknowledges nothing, gives up on the pre-authorisation, and voids the
    // first one instead. This is the exchange that once got no 80 00 00 at all.
    const voided = await answered(ecr, reversal(first.receipt));
    expect(is(voided.at(-1), 0x06, 0x0f)).toBe(true);
    expect(sim.terminal.reservations.get(Number(first.receipt))).toMatchObject({ state: 'reversed' });
    const enquiry = await answered(ecr, ENQUIRY);
    // The second pre-authorisation was given up before the card: nothing of it is open.
    expect(enquiry).toEqual([NONE_OPEN]);
  });

  it("a refusal (84 9A) of the booking's 04 0F: the terminal reverses it, ends with 06 1E, and answers the next command", async () => {
    const ecr = await connect();
    ecr.send(PREAUTH);
    expect(await ecr.next()).toEqual(ACK_APDU);
    const before = await ecr.ackUntil((a) => is(a, 0x04, 0xff) && a[3] === 0x17);
    expect(before.length).toBe(2);
    const result = await ecr.next();
    expect(is(result, 0x04, 0x0f)).toBe(true);
    ecr.send('84 9A 00');
    expect(await ecr.next()).toEqual(hex('06 1E 01 6C'));
    ecr.send(ACK_APDU);
    expect([...sim.terminal.reservations.values()].at(-1)).toMatchObject({ state: 'reversed', autoReversed: true });
    expect(await answered(ecr, ENQUIRY)).toEqual([NONE_OPEN]);
  });

  it('silence after the 04 0F, then a new command: the booking is reversed, the command answered, a late 80 00 00 credited to nothing', async () => {
    const ecr = await connect();
    ecr.send(PREAUTH);
    expect(await ecr.next()).toEqual(ACK_APDU);
    await ecr.ackUntil((a) => is(a, 0x04, 0xff) && a[3] === 0x17);
    expect(is(await ecr.next(), 0x04, 0x0f)).toBe(true);
    const enquiry = await answered(ecr, ENQUIRY);
    expect(enquiry).toEqual([NONE_OPEN]);
    expect([...sim.terminal.reservations.values()].at(-1)).toMatchObject({ state: 'reversed', autoReversed: true });
    // An acknowledgement nobody waits for changes nothing, and the terminal keeps answering.
    ecr.send(ACK_APDU);
    expect((await answered(ecr, cmd.statusEnquiry('123456'))).length).toBe(1);
  });

  it('no answer within T3: the terminal closes the connection (PA00P016 §5.2.5), reverses, and answers on the next one', async () => {
    const ecr = await connect();
    ecr.send(PREAUTH);
    expect(await ecr.next()).toEqual(ACK_APDU);
    await ecr.ackUntil((a) => is(a, 0x04, 0xff) && a[3] === 0x17);
    expect(is(await ecr.next(), 0x04, 0x0f)).toBe(true);
    await ecr.closed;
    expect([...sim.terminal.reservations.values()].at(-1)).toMatchObject({ state: 'reversed', autoReversed: true });
    const again = await connect();
    expect(await answered(again, ENQUIRY)).toEqual([NONE_OPEN]);
  });

  it('garbage and a bare serial NAK (15) before a command are set aside; the command is answered', async () => {
    const ecr = await connect();
    const done = await answered(ecr, Buffer.concat([hex('15'), Buffer.from('hello\r\n'), cmd.statusEnquiry('123456')]));
    expect(ecr.isClosed()).toBe(false);
    expect(done).toHaveLength(1);
    expect(is(done[0], 0x06, 0x0f)).toBe(true);
  });

  it('a cut APDU: the terminal closes the connection after T3 (§5.2.5 case b) and answers on the next one', async () => {
    const ecr = await connect();
    ecr.send('06 22 0C 04 00 00');
    const t0 = Date.now();
    await ecr.closed;
    expect(Date.now() - t0).toBeGreaterThanOrEqual(T3_MS - 100);
    const again = await connect();
    expect((await answered(again, cmd.statusEnquiry('123456'))).length).toBe(1);
  });

  it('a command it cannot read (an amount that is not BCD) gets 84 9A 00, and the next command is answered', async () => {
    const ecr = await connect();
    ecr.send('06 22 07 04 00 00 00 00 AB CD');
    expect(await ecr.next()).toEqual(hex('84 9A 00'));
    expect((await preauth(ecr)).messages.some((m) => is(m, 0x04, 0x0f))).toBe(true);
  });

  it('84 9C to the 04 0F: the terminal sends it again after 2 s (PA00P015 §2.2.6), and the booking stands once acknowledged', async () => {
    const ecr = await connect();
    ecr.send(PREAUTH);
    expect(await ecr.next()).toEqual(ACK_APDU);
    await ecr.ackUntil((a) => is(a, 0x04, 0xff) && a[3] === 0x17);
    const result = (await ecr.next())!;
    ecr.send('84 9C 00');
    const t0 = Date.now();
    const again = await ecr.next(3_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(is(again, 0x04, 0x0f) && receiptOf(again!)).toBe(receiptOf(result)); // the same booking again
    ecr.send(ACK_APDU);
    expect(await ecr.ackUntil(ends)).toEqual([hex('06 0F 00')]);
    expect([...sim.terminal.reservations.values()].at(-1)).toMatchObject({ state: 'open', amount: 2_500 });
  }, 10_000);
});

describe('TLV only to an ECR that asked for it (PA00P015 §9.2.2)', () => {
  it('plain statuses by default and after a Registration without BMP 06; TLV display texts after one with 06 00', async () => {
    const ecr = await connect();
    const plain = await preauth(ecr);
    expect(plain.messages.filter((m) => is(m, 0x04, 0xff))).toEqual([
      hex('04 FF 01 0A'),
      fixture('1680728162.647465000_pt_ecr.blob'),
    ]);
    expect(await answered(ecr, cmd.registration('123456', 'EUR'))).toEqual([
      hex('06 0F 0A 19 00 29 52 52 35 35 49 09 78'),
    ]);
    expect((await preauth(ecr)).messages.filter((m) => is(m, 0x04, 0xff)).map((m) => m.length)).toEqual([4, 4]);

    expect(await answered(ecr, hex('06 00 08 12 34 56 BA 09 78 06 00'))).toHaveLength(1);
    const withTlv = (await preauth(ecr)).messages.filter((m) => is(m, 0x04, 0xff));
    expect(withTlv.map((m) => m.subarray(3, 6).toString('hex'))).toEqual(['0a0306', '170306']);
    expect(withTlv[0]!.includes(Buffer.from('Karte bitte'))).toBe(true);
    // To this ECR the open pre-auth enquiry lists every open receipt (tag 23), not only the first.
    const [answer] = await answered(ecr, ENQUIRY);
    expect(findTlv(valuesOf(decodeMessage(answer!)).tlv!, 0x23)?.children?.map((c) => c.value.toString('hex'))).toEqual(
      ['0231', '0232', '0233'],
    );
  });

  it("a request with BMP 06 (the Feig ECR's 06 22 with TLV E9) switches TLV on until Log-Off; Log-Off sets config 86", async () => {
    const ecr = await connect();
    ecr.send(fixture('1680728162.033575000_ecr_pt.blob'));
    expect(await ecr.next()).toEqual(ACK_APDU);
    const statuses = (await ecr.ackUntil(ends)).filter((m) => is(m, 0x04, 0xff));
    expect(statuses.map((m) => m.subarray(3, 6).toString('hex'))).toEqual(['0a0306', '170306']);
    ecr.send('06 02 00');
    expect(await ecr.next()).toEqual(ACK_APDU);
    expect(await ecr.next(300)).toBeUndefined();
    // Config 86 asks for no intermediate status at all (Table 1, bit 08).
    expect((await preauth(ecr)).messages.filter((m) => is(m, 0x04, 0xff))).toEqual([]);
  });

  it("the driver reads both forms: the spec's text for a bare status, the display text from TLV", async () => {
    const link = await connectZvtTcp('127.0.0.1', sim.port);
    try {
      const statuses = async () => {
        const seen: string[] = [];
        const r = await runCommand(
          link,
          PREAUTH,
          { persist: () => undefined, status: (code, text) => seen.push(`${code.toString(16)} ${text}`) },
          { t3Ms: 2_000, t4Ms: 5_000 },
        );
        expect(r.state).toBe('done');
        return seen;
      };
      expect(await statuses()).toEqual(['a Insert card', '17 Please wait...']);
      expect(
        (await runCommand(link, hex('06 00 08 12 34 56 BA 09 78 06 00'), { persist: () => undefined })).state,
      ).toBe('done');
      expect(await statuses()).toEqual(['a Karte bitte', '17 Bitte warten...']);
    } finally {
      await link.close();
    }
  });
});
