// The ZVT terminal simulator on a real serial line (a socat pty pair), against a hand-driven ECR that
// speaks the link layer itself and misbehaves on purpose: garbage, a bad CRC, a frame cut short, NAKs
// or silence for the terminal's frames, no answer to a message, an APDU whose length lies. Whatever
// happened, the next command is answered.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import * as cmd from '../../bridge/terminals/zvt/commands.js';
import { encodeFrame } from '../../bridge/terminals/zvt/frame.js';
import { decodeMessage, valuesOf } from '../../bridge/terminals/zvt/message.js';
import { SPEC_PROFILE } from '../../bridge/terminals/zvt/profile.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';
import { ACK_APDU, hex, serialEcr, type SerialEcr } from '../helpers/zvt-ecr.js';

const T2_MS = 1_000;
const T3_MS = 1_500;
const is = (a: Buffer | undefined, cls: number, instr: number) => a !== undefined && a[0] === cls && a[1] === instr;
const ends = (a: Buffer) => is(a, 0x06, 0x0f) || is(a, 0x06, 0x1e);
const PREAUTH = cmd.preauth(2_500, 'EUR', SPEC_PROFILE);
const ENQUIRY = cmd.openPreauthEnquiry();
const NONE_OPEN = hex('06 1E 04 B8 87 FF FF');
const STATUS = cmd.statusEnquiry('123456');

describeWithTool('socat', 'the simulator on a serial line answers the next command after a broken exchange', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let sim: RunningZvtSimulator;
  let ecr: SerialEcr;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir, 'sim');
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 50, t2Ms: T2_MS, t3Ms: T3_MS });
    ecr = await serialEcr(pair.a);
  });
  afterAll(async () => {
    await ecr.close();
    await sim.close();
    pair.close();
    tmp.cleanup();
  });
  beforeEach(() => {
    ecr.linkAnswer = 'ack';
  });
  afterEach(() => {
    ecr.arrivals.clear();
  });

  /** Sends a command: the frame is ACKed, 80 00 00 follows at once, then every message is acknowledged to the end. */
  const answered = async (command: Buffer) => {
    expect(await ecr.sendFrame(command)).toBe('ack');
    expect(await ecr.next(400), `80 00 00 to ${command.subarray(0, 2).toString('hex')} at once`).toEqual(ACK_APDU);
    return ecr.ackUntil(ends);
  };
  const lastReservation = () => [...sim.terminal.reservations.values()].at(-1);

  it('garbage on the line, then a command: the frame is taken and answered', async () => {
    ecr.writeRaw('41 42 43 FF 00 10 41');
    expect((await answered(STATUS)).map((m) => m.subarray(0, 2).toString('hex'))).toEqual(['060f']);
  });

  it('a frame with a bad CRC is refused with NAK (PA00P016 §3.2.2); the repeat is taken', async () => {
    const frame = encodeFrame(STATUS);
    frame[frame.length - 1] = frame[frame.length - 1]! ^ 0x5a;
    expect(await ecr.sendBytes(frame)).toBe('nak');
    expect(await ecr.next(300)).toBeUndefined();
    expect(await answered(STATUS)).toHaveLength(1);
  });

  it('a frame cut short is refused with NAK once T1 runs out (§3.4.1); the next frame is taken whole', async () => {
    const frame = encodeFrame(STATUS);
    const t0 = Date.now();
    expect(await ecr.sendBytes(frame.subarray(0, 6))).toBe('nak');
    expect(Date.now() - t0).toBeLessThan(T2_MS);
    expect(await answered(STATUS)).toHaveLength(1);
  });

  it('an APDU whose length lies, in a good frame: 84 9A 00, and the next command is answered', async () => {
    expect(await ecr.sendFrame('06 22 09 04 00')).toBe('ack');
    expect(await ecr.next()).toEqual(hex('84 9A 00'));
    expect(await answered(ENQUIRY)).toEqual([NONE_OPEN]);
  });

  it('the ECR took the 04 FF at the link but could not read it and said nothing: its next 06 25 and 06 23 87 FF FF are answered', async () => {
    expect((await answered(PREAUTH)).some((m) => is(m, 0x04, 0x0f))).toBe(true);
    const first = lastReservation()!;
    expect(await ecr.sendFrame(PREAUTH)).toBe('ack');
    expect(await ecr.next()).toEqual(ACK_APDU);
    expect(is(await ecr.next(), 0x04, 0xff)).toBe(true);
    const voided = await answered(
      cmd.preauthReversal(
        'EUR',
        { receipt: String(first.receipt).padStart(4, '0') },
        { ...SPEC_PROFILE, references: ['receipt'] },
      ),
    );
    expect(is(voided.at(-1), 0x06, 0x0f)).toBe(true);
    expect(first.state).toBe('reversed');
    expect(await answered(ENQUIRY)).toEqual([NONE_OPEN]);
  });

  it("the ECR refuses the terminal's frames with NAK: after two repeats the terminal gives the command up and answers the next", async () => {
    expect(await ecr.sendFrame(PREAUTH)).toBe('ack');
    expect(await ecr.next()).toEqual(ACK_APDU);
    ecr.linkAnswer = 'nak';
    const status = '04ff010a';
    await expect.poll(() => ecr.arrivals.get(status)).toBe(3);
    ecr.linkAnswer = 'ack';
    expect(await answered(ENQUIRY)).toEqual([NONE_OPEN]);
    expect(ecr.arrivals.get(status)).toBe(3);
  });

  it("the ECR does not ACK the terminal's frame and sends a new command: the repeats stop, the command is answered at once", async () => {
    expect(await ecr.sendFrame(PREAUTH)).toBe('ack');
    expect(await ecr.next()).toEqual(ACK_APDU);
    ecr.linkAnswer = 'none';
    const status = '04ff010a';
    await expect.poll(() => ecr.arrivals.get(status)).toBe(1);
    ecr.linkAnswer = 'ack';
    // 80 00 00 at once, well within T2: without dropping its frame, the terminal would first repeat it twice.
    expect(await answered(ENQUIRY)).toEqual([NONE_OPEN]);
    await new Promise((resolve) => setTimeout(resolve, T2_MS * 2));
    expect(ecr.arrivals.get(status)).toBe(1);
  });

  it('no answer to the 04 0F within T3: the terminal reverses; an 80 00 00 after that is credited to nothing', async () => {
    expect(await ecr.sendFrame(PREAUTH)).toBe('ack');
    expect(await ecr.next()).toEqual(ACK_APDU);
    await ecr.ackUntil((a) => is(a, 0x04, 0xff) && a[3] === 0x17);
    const result = await ecr.next();
    expect(is(result, 0x04, 0x0f)).toBe(true);
    const r = sim.terminal.reservations.get(Number(valuesOf(decodeMessage(result!)).receipt))!;
    await expect.poll(() => r.state, { timeout: T3_MS + 1_000 }).toBe('reversed');
    expect(r.autoReversed).toBe(true);
    expect(await ecr.sendFrame(ACK_APDU)).toBe('ack');
    expect(await ecr.next(300)).toBeUndefined();
    expect(r.state).toBe('reversed');
    expect(await answered(ENQUIRY)).toEqual([NONE_OPEN]);
  });
});
