// ZVT over a real serial line (a socat pseudo-terminal pair): the serialport transport with framing,
// CRC and ACK/NAK on the ECR side, the simulated terminal on the other end.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openZvtSerial } from '../../native/serial-port.js';
import * as cmd from '../../bridge/terminals/zvt/commands.js';
import { SPEC_PROFILE } from '../../bridge/terminals/zvt/profile.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import type { ZvtTransport } from '../../bridge/terminals/zvt/transport.js';
import { encodeFrame } from '../../bridge/terminals/zvt/frame.js';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { SerialPort } from 'serialport';
import { describeWithTool } from '../helpers/tools.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';

const timers = { t3Ms: 3_000, t4Ms: 5_000 };

describeWithTool('socat', 'ZVT over a serial line', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let sim: RunningZvtSimulator;
  let link: ZvtTransport;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir);
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
    link = await openZvtSerial(pair.a, { t2Ms: 500 });
  });
  afterAll(async () => {
    await link.close();
    await sim.close();
    pair.close();
    tmp.cleanup();
  });

  it('registers, reserves and books the total through framed, acknowledged messages', async () => {
    const reg = await runCommand(link, cmd.registration('123456', 'EUR'), { persist: () => undefined }, timers);
    expect(reg.failure).toBeUndefined();
    expect(reg.state).toBe('done');
    const persisted: unknown[] = [];
    const pre = await runCommand(
      link,
      cmd.preauth(4200, 'EUR', SPEC_PROFILE),
      {
        persist: (r) => {
          persisted.push(r);
        },
      },
      timers,
    );
    expect(pre).toMatchObject({ state: 'done', booked: true, result: { amount: 4200, resultCode: 0 } });
    expect(persisted).toHaveLength(1);
    const receipt = pre.result!.receipt!;
    const book = await runCommand(
      link,
      cmd.bookTotal(4000, 'EUR', { receipt, trace: pre.result!.trace!, aid: pre.result!.aid! }, SPEC_PROFILE),
      { persist: () => undefined },
      timers,
    );
    expect(book).toMatchObject({ state: 'done', result: { amount: 4000 } });
    expect(sim.terminal.reservations.get(Number(receipt))).toMatchObject({ state: 'booked', booked: 4000 });
  });
});

describeWithTool('socat', 'ZVT serial link layer against a raw line', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let raw: SerialPort;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir, 'raw');
    raw = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => raw.open((e) => (e ? reject(e) : resolve())));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => raw.close(() => resolve()));
    pair.close();
    tmp.cleanup();
  });

  it('repeats a frame the other side refuses (NAK), and gives up after two repeats with no ACK', async () => {
    const link = await openZvtSerial(pair.a, { t2Ms: 150 });
    const seen: Buffer[] = [];
    const onData = (c: Buffer) => {
      seen.push(c);
      if (seen.length === 1) raw.write(Buffer.from([0x15]));
    };
    raw.on('data', onData);
    const sending = link.send(Buffer.from([0x05, 0x01, 0x03, 0x12, 0x34, 0x56]));
    await expect(sending).rejects.toThrow(/did not acknowledge the frame within T2/);
    raw.off('data', onData);
    const frame = encodeFrame(Buffer.from([0x05, 0x01, 0x03, 0x12, 0x34, 0x56]));
    // The first send, the repeat after NAK, the repeat after T2: three identical frames, nothing else.
    expect(Buffer.concat(seen)).toEqual(Buffer.concat([frame, frame, frame]));
    await link.close();
  });

  it('acknowledges a good frame with ACK before passing it on, and refuses a corrupted one with NAK', async () => {
    const link = await openZvtSerial(pair.a, { t2Ms: 150 });
    const got: Buffer[] = [];
    link.events.on('apdu', (a: Buffer) => got.push(a));
    const answers: Buffer[] = [];
    raw.on('data', (c: Buffer) => answers.push(c));
    const good = encodeFrame(Buffer.from([0x80, 0x00, 0x00]));
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    raw.write(bad);
    raw.write(good);
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toEqual(Buffer.from([0x80, 0x00, 0x00]));
    await expect.poll(() => Buffer.concat(answers).toString('hex')).toBe('1506');
    await link.close();
  });
});
