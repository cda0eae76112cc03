// A USB terminal that comes back under another port name (Windows gives it COM5 instead of COM3) is
// found again by its USB serial number. The ports are a socat pair; the port list is given.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { statusEnquiry } from '../../bridge/terminals/zvt/commands.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import { openZvtTransport } from '../../native/zvt-transport.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

describeWithTool('socat', 'a USB terminal under a new port name', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let sim: RunningZvtSimulator;
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir, 'usb');
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
  });
  afterAll(async () => {
    await sim.close();
    pair.close();
    tmp.cleanup();
  });

  const ports = async () => [
    {
      path: join(tmp.dir, 'other-device'),
      manufacturer: 'Acme',
      serial_number: 'OTHER',
      vendor_id: null,
      product_id: null,
    },
    { path: pair.a, manufacturer: 'FEIG ELECTRONIC', serial_number: 'FE-0042', vendor_id: '0ab1', product_id: '0002' },
  ];
  const gone = join(tmp.dir, 'COM3-gone');

  it('opens the port that carries the same USB serial number, and says which', async () => {
    const { transport, path } = await openZvtTransport(
      { type: 'serial', path: gone, usb_serial_number: 'FE-0042' },
      ports,
    );
    try {
      expect(path).toBe(pair.a);
      const snap = await runCommand(
        transport,
        statusEnquiry('000000'),
        { persist: () => {} },
        { t3Ms: 2_000, t4Ms: 5_000 },
      );
      expect(snap.state).toBe('done');
    } finally {
      await transport.close();
    }
  });

  it("without a serial number, or with none matching, the open fails with the port's own error", async () => {
    await expect(openZvtTransport({ type: 'serial', path: gone }, ports)).rejects.toThrow(/cannot open/);
    await expect(openZvtTransport({ type: 'serial', path: gone, usb_serial_number: 'NOPE' }, ports)).rejects.toThrow(
      /cannot open/,
    );
  });
});
