// The pairing backend as a field technician uses it, with a ZVT terminal on a real serial line (a socat
// pseudo-terminal pair): list the ports, add the terminal, test it, run preauths on it, remove it.
import { SerialPortMock } from 'serialport';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { ZVT_DECLINE_AMOUNT, ZVT_SOFTWARE_VERSION, ZVT_TERMINAL_ID } from '../../bridge/sandbox/zvt/terminal.js';
import { eventually } from '../helpers/http.js';
import { listSerialPorts } from '../../native/zvt-transport.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

describeWithTool('socat', 'pairing a ZVT terminal on a serial line through the API', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let sim: RunningZvtSimulator;
  let d: TestDaemon;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir);
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
    // socat's ptys are not USB devices, so the port list comes from serialport's mock binding.
    SerialPortMock.binding.reset();
    SerialPortMock.binding.createPort('/dev/ttyACM7', {
      manufacturer: 'FEIG ELECTRONIC',
      vendorId: '0ab1',
      productId: '0002',
    });
    d = await startTestDaemon({}, { serialPorts: () => listSerialPorts(() => SerialPortMock.binding.list()) });
  });
  afterAll(async () => {
    await d.stop();
    await sim.close();
    pair.close();
    tmp.cleanup();
  });

  const terminal = {
    id: 'counter-1',
    kind: 'zvt',
    name: 'Counter 1',
    currency: 'EUR',
    password: '123456',
    transport: { type: 'serial', path: '' },
  };

  it('lists the serial ports with what identifies them', async () => {
    const r = await d.call('GET', '/v1/serial-ports');
    expect(r.status).toBe(200);
    // The mock binding numbers its ports' serial numbers itself.
    const [mock] = await SerialPortMock.binding.list();
    expect(r.body.data).toEqual([
      {
        path: '/dev/ttyACM7',
        manufacturer: 'FEIG ELECTRONIC',
        serial_number: mock!.serialNumber,
        vendor_id: '0ab1',
        product_id: '0002',
      },
    ]);
  });

  it('refuses a terminal without a port, writing nothing', async () => {
    const r = await d.call('POST', '/v1/terminals', { ...terminal, transport: { type: 'serial' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect((await d.call('GET', '/v1/terminals')).body.data.map((t: { id: string }) => t.id)).not.toContain(
      'counter-1',
    );
  });

  it('adds the terminal, and its test runs registration and status enquiry on the line', async () => {
    const r = await d.call('POST', '/v1/terminals', { ...terminal, transport: { type: 'serial', path: pair.a } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: 'counter-1', name: 'Counter 1', provider: 'zvt', currency: 'EUR' });
    expect(
      (await d.call('POST', '/v1/terminals', { ...terminal, transport: { type: 'serial', path: pair.a } })).body.code,
    ).toBe('terminal_exists');
    const t = await d.call('POST', '/v1/terminals/counter-1/test');
    expect(t.body).toMatchObject({
      ok: true,
      terminal: { zvt_terminal_id: ZVT_TERMINAL_ID, software_version: ZVT_SOFTWARE_VERSION, status: 'ready' },
    });
    expect(t.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'connect',
      'registration',
      'terminal_answer',
      'status_enquiry',
    ]);
    const listed = (await d.call('GET', '/v1/terminals')).body.data.find((x: { id: string }) => x.id === 'counter-1');
    expect(listed).toMatchObject({ state: 'ready', link: { online: true, last_error: null } });
    expect(JSON.stringify(listed)).not.toContain('123456');
  });

  it('runs preauth → capture and preauth → void like any terminal', async () => {
    const p = await d.call('POST', '/v1/preauths', {
      terminal_id: 'counter-1',
      amount: 2_500,
      currency: 'EUR',
      reference: 'pair-cap',
    });
    expect(p.body).toMatchObject({ state: 'authorized', amount_authorized: 2_500 });
    const c = await d.call('POST', `/v1/preauths/${p.body.id}/capture`, { amount: 2_000 });
    expect(c.body).toMatchObject({ state: 'captured', amount_captured: 2_000 });
    expect(sim.terminal.reservations.get(Number(p.body.provider_reference))).toMatchObject({
      state: 'booked',
      booked: 2_000,
    });
    const q = await d.call('POST', '/v1/preauths', {
      terminal_id: 'counter-1',
      amount: 1_500,
      currency: 'EUR',
      reference: 'pair-void',
    });
    const v = await d.call('POST', `/v1/preauths/${q.body.id}/void`);
    expect(v.body.state).toBe('voided');
    expect(sim.terminal.reservations.get(Number(q.body.provider_reference))).toMatchObject({ state: 'reversed' });
  });

  it('runs preauth → adjust → capture, a decline and an abort while waiting for the card on the serial line', async () => {
    const p = await d.call('POST', '/v1/preauths', {
      terminal_id: 'counter-1',
      amount: 2_000,
      currency: 'EUR',
      reference: 'pair-adj',
    });
    expect((await d.call('POST', `/v1/preauths/${p.body.id}/adjust`, { amount: 3_000 })).body).toMatchObject({
      state: 'authorized',
      amount_authorized: 3_000,
    });
    expect((await d.call('POST', `/v1/preauths/${p.body.id}/capture`, {})).body).toMatchObject({
      state: 'captured',
      amount_captured: 3_000,
    });
    expect(sim.terminal.reservations.get(Number(p.body.provider_reference))).toMatchObject({
      state: 'booked',
      amount: 3_000,
      booked: 3_000,
    });
    const declined = await d.call('POST', '/v1/preauths', {
      terminal_id: 'counter-1',
      amount: ZVT_DECLINE_AMOUNT,
      currency: 'EUR',
      reference: 'pair-decline',
    });
    expect(declined.body).toMatchObject({ code: 'card_declined', transaction: { state: 'declined' } });
    sim.terminal.cardMs = 3_000;
    try {
      const before = sim.terminal.reservations.size;
      const a = await d.call(
        'POST',
        '/v1/preauths',
        { terminal_id: 'counter-1', amount: 1_200, currency: 'EUR', reference: 'pair-abort' },
        { prefer: 'respond-async' },
      );
      await eventually(async () =>
        expect((await d.call('GET', `/v1/preauths/${a.body.id}`)).body.state).toBe('in_progress'),
      );
      expect((await d.call('POST', `/v1/preauths/${a.body.id}/cancel`)).status).toBeLessThan(300);
      await eventually(async () =>
        expect((await d.call('GET', `/v1/preauths/${a.body.id}`)).body).toMatchObject({
          state: 'failed',
          error: { code: 'cancelled' },
        }),
      );
      expect(sim.terminal.reservations.size).toBe(before);
    } finally {
      sim.terminal.cardMs = 30;
    }
  });

  it('refuses to remove the terminal while a hold is open, then removes it and keeps its history', async () => {
    const p = await d.call('POST', '/v1/preauths', {
      terminal_id: 'counter-1',
      amount: 1_000,
      currency: 'EUR',
      reference: 'pair-open',
    });
    const busy = await d.call('DELETE', '/v1/terminals/counter-1');
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('terminal_busy');
    await d.call('POST', `/v1/preauths/${p.body.id}/void`);
    expect((await d.call('DELETE', '/v1/terminals/counter-1')).status).toBe(204);
    expect(
      (
        await d.call('POST', '/v1/preauths', {
          terminal_id: 'counter-1',
          amount: 1_000,
          currency: 'EUR',
          reference: 'pair-gone',
        })
      ).body.code,
    ).toBe('unknown_terminal');
    expect((await d.call('GET', `/v1/preauths/${p.body.id}`)).body.state).toBe('voided');
    expect((await d.call('DELETE', '/v1/terminals/sandbox-zvt')).body.code).toBe('invalid_state');
  });
});
