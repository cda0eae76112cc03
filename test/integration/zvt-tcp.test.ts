// A ZVT session over a real TCP socket against the terminal simulator: the command machine, the
// interpreter and the transport together, through a reservation's life.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cmd from '../../bridge/terminals/zvt/commands.js';
import { SPEC_PROFILE } from '../../bridge/terminals/zvt/profile.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import { connectZvtTcp } from '../../bridge/terminals/zvt/tcp.js';
import type { ZvtTransport } from '../../bridge/terminals/zvt/transport.js';
import type { ZvtValues } from '../../bridge/terminals/zvt/message.js';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import { ZVT_DECLINE_AMOUNT } from '../../bridge/sandbox/zvt/terminal.js';

let sim: RunningZvtTcpSimulator;
let link: ZvtTransport;
const timers = { t3Ms: 2_000, t4Ms: 5_000 };
beforeAll(async () => {
  sim = await startZvtTcpSimulator(0, { cardMs: 50 });
  link = await connectZvtTcp('127.0.0.1', sim.port);
});
afterAll(async () => {
  await link.close();
  await sim.close();
});

function hooks() {
  const log: string[] = [];
  const persisted: ZvtValues[] = [];
  return {
    log,
    persisted,
    hooks: {
      persist: async (r: ZvtValues) => {
        persisted.push(r);
        log.push('persist');
      },
      status: (code: number, text?: string) => log.push(`status ${code.toString(16)} ${text ?? ''}`.trim()),
      print: (text: string) => log.push(`print ${text}`),
    },
  };
}

describe('ZVT over TCP against the simulator', () => {
  it('registers and answers a status enquiry', async () => {
    expect((await runCommand(link, cmd.registration('123456', 'EUR'), hooks().hooks, timers)).state).toBe('done');
    expect((await runCommand(link, cmd.statusEnquiry('123456'), hooks().hooks, timers)).state).toBe('done');
  });

  it('reserves, then books the total; the result is persisted before it is acknowledged', async () => {
    const h = hooks();
    const pre = await runCommand(link, cmd.preauth(3000, 'EUR', SPEC_PROFILE), h.hooks, timers);
    expect(pre).toMatchObject({
      state: 'done',
      booked: true,
      result: { amount: 3000, resultCode: 0, aid: '750071', terminalId: '52523535', maskedPan: '672559******1234' },
    });
    // The driver never registered with TLV: plain statuses, with the specification's texts for their codes.
    expect(h.log).toEqual(['status a Insert card', 'status 17 Please wait...', 'persist']);
    const receipt = pre.result!.receipt!;
    expect(sim.terminal.reservations.get(Number(receipt))).toMatchObject({ amount: 3000, state: 'open' });

    const b = hooks();
    const book = await runCommand(
      link,
      cmd.bookTotal(2500, 'EUR', { receipt, trace: pre.result!.trace!, aid: pre.result!.aid! }, SPEC_PROFILE),
      b.hooks,
      timers,
    );
    expect(book).toMatchObject({ state: 'done', result: { amount: 2500 } });
    expect(book.receipt.join('\n')).toMatch(/EUR 25\.00/);
    expect(sim.terminal.reservations.get(Number(receipt))).toMatchObject({ state: 'booked', booked: 2500 });
  });

  it('finds the open reservations at start-up, and voids one', async () => {
    const pre = await runCommand(link, cmd.preauth(1000, 'EUR', SPEC_PROFILE), hooks().hooks, timers);
    const enquiry = await runCommand(link, cmd.openPreauthEnquiry(), hooks().hooks, timers);
    expect(enquiry).toMatchObject({ state: 'failed', failure: { kind: 'declined', resultCode: 0xb8 } });
    const voided = await runCommand(
      link,
      cmd.preauthReversal('EUR', { receipt: pre.result!.receipt! }, { ...SPEC_PROFILE, references: ['receipt'] }),
      hooks().hooks,
      timers,
    );
    expect(voided.state).toBe('done');
    expect(sim.terminal.reservations.get(Number(pre.result!.receipt))).toMatchObject({ state: 'reversed' });
  });

  it('reports a decline with its result code, persisting nothing', async () => {
    const h = hooks();
    const r = await runCommand(link, cmd.preauth(ZVT_DECLINE_AMOUNT, 'EUR', SPEC_PROFILE), h.hooks, timers);
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'declined', resultCode: 0x05 } });
    expect(h.persisted).toEqual([]);
  });

  it('reports a command the terminal does not know as refused', async () => {
    const r = await runCommand(link, Buffer.from([0x06, 0x99, 0x00]), hooks().hooks, timers);
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'refused', resultCode: 0x83 } });
  });

  it('fails with no_answer (T3) when the terminal never acknowledges', async () => {
    const held: Socket[] = [];
    const mute = createServer((s) => held.push(s));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', () => resolve()));
    const l = await connectZvtTcp('127.0.0.1', (mute.address() as AddressInfo).port);
    const r = await runCommand(l, cmd.statusEnquiry('123456'), hooks().hooks, { t3Ms: 150, t4Ms: 500 });
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'no_answer', timer: 'T3' } });
    await l.close();
    for (const s of held) s.destroy();
    await new Promise((resolve) => mute.close(resolve));
  });

  it('fails with a transport error when the terminal drops the link mid-command', async () => {
    const dropping = createServer((s) => s.once('data', () => s.destroy()));
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', () => resolve()));
    const l = await connectZvtTcp('127.0.0.1', (dropping.address() as AddressInfo).port);
    const r = await runCommand(l, cmd.statusEnquiry('123456'), hooks().hooks, { t3Ms: 5_000, t4Ms: 5_000 });
    expect(r).toMatchObject({ state: 'failed', failure: { kind: 'transport' } });
    await l.close();
    await new Promise((resolve) => dropping.close(resolve));
  });
});
