// What the pairing wizard needs of the daemon to let a technician finish alone: a serial port typed in by
// hand (socat's ptys are no USB device, so no scan lists them), the ECR password and terminal profile sent
// and kept, the test's steps readable while it runs, and a failure that says why in a stable code (a
// refused network connection, a cable nobody answers on). Real socat pty pairs, the ZVT simulator on the
// other end, a closed loopback port.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { ZVT_TERMINAL_ID } from '../../bridge/sandbox/zvt/terminal.js';
import { eventually } from '../helpers/http.js';
import { startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

interface Step {
  step: string;
  state: 'running' | 'ok' | 'failed';
  error_code: string | null;
}

describeWithTool('socat', 'pairing progress, manual ports, password and profile, failures in codes', () => {
  const tmp = tempDir();
  let pair: PtyPair;
  let silent: PtyPair;
  let sim: RunningZvtSimulator;
  let d: TestDaemon;
  let closedPort: number;
  let scan: () => Promise<never[]> = async () => [];
  beforeAll(async () => {
    pair = await ptyPair(tmp.dir, 'manual');
    // A line with nothing on the other end: a terminal switched off, or the wrong port.
    silent = await ptyPair(tmp.dir, 'silent');
    sim = await startZvtSerialSimulator(pair.b, { cardMs: 30 });
    // The scan finds nothing: the socat ports must be typed in.
    d = await startTestDaemon({}, { serialPorts: () => scan() });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(async () => {
    await d.stop();
    await sim.close();
    pair.close();
    silent.close();
    tmp.cleanup();
  });

  const ids = async () => (await d.call('GET', '/v1/terminals')).body.data.map((t: { id: string }) => t.id);
  const serial = (id: string, path: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind: 'zvt',
    name: id,
    currency: 'EUR',
    transport: { type: 'serial', path },
    ...extra,
  });
  /** Polls the test until it has ended, keeping every distinct step list seen on the way. */
  async function watch(id: string): Promise<{ seen: Step[][]; final: { steps: Step[]; result: unknown } }> {
    const seen: Step[][] = [];
    for (;;) {
      const r = await d.call('GET', `/v1/terminals/${id}/test`);
      expect(r.status).toBe(200);
      const last = JSON.stringify(seen.at(-1));
      if (JSON.stringify(r.body.steps) !== last) seen.push(r.body.steps);
      if (r.body.state === 'done') return { seen, final: r.body };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a port scan that fails answers an empty list with the reason, not a 500: the port can still be typed in', async () => {
    scan = () => Promise.reject(new Error('spawn udevadm ENOENT'));
    try {
      const r = await d.call('GET', '/v1/serial-ports');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ data: [], scan_error: 'spawn udevadm ENOENT' });
    } finally {
      scan = async () => [];
    }
    expect((await d.call('GET', '/v1/serial-ports')).body).toEqual({ data: [] });
  });

  it('refuses a port name that cannot be a serial port, writing nothing', async () => {
    for (const path of ['ttyUSB0', 'COM0', 'COM3 ', '/dev/../etc/passwd', '/dev/', 'COM1000']) {
      const r = await d.call('POST', '/v1/terminals', serial('typed', path));
      expect(r.status, path).toBe(400);
      expect(r.body.code).toBe('validation_failed');
      // One error, on the field, in words: not the pattern, not the other branch of the transport union.
      expect(r.body.errors).toEqual([
        {
          field: 'transport.path',
          message: 'must be a port name such as COM3 (Windows) or /dev/ttyUSB0 (Linux, macOS)',
        },
      ]);
    }
    expect(await ids()).not.toContain('typed');
    expect(d.daemon.store.terminals.get('typed')).toBeUndefined();
  });

  it('pairs a terminal on a port typed in by hand, with its ECR password and profile, and shows each step', async () => {
    const r = await d.call(
      'POST',
      '/v1/terminals',
      serial('typed', pair.a, { password: '123456', profile: 'card_complete' }),
    );
    expect(r.status).toBe(201);
    const stored = JSON.parse(d.daemon.store.terminals.get('typed')!.settings_json);
    expect(stored).toMatchObject({
      transport: { type: 'serial', path: pair.a },
      password: '123456',
      profile: 'card_complete',
    });

    const started = await d.call('POST', '/v1/terminals/typed/test', undefined, { prefer: 'respond-async' });
    expect(started.status).toBe(202);
    expect(started.headers['location']).toBe('/v1/terminals/typed/test');
    expect(started.body.state).toBe('running');
    expect(started.body.steps[0]).toMatchObject({ step: 'connect' });

    const { seen, final } = await watch('typed');
    expect(final.steps.map((s) => [s.step, s.state])).toEqual([
      ['connect', 'ok'],
      ['registration', 'ok'],
      ['terminal_answer', 'ok'],
      ['status_enquiry', 'ok'],
    ]);
    expect(final.result).toMatchObject({ ok: true, terminal: { zvt_terminal_id: ZVT_TERMINAL_ID } });
    // Every list seen on the way is a prefix of the final one: steps only ever start and end in order.
    for (const steps of seen)
      steps.forEach((s, i) => {
        expect(s.step).toBe(final.steps[i]!.step);
        if (i < steps.length - 1) expect(s.state).toBe('ok');
      });
    // The registration carried the password typed in, and the terminal's currency (EUR 09 78).
    expect(sim.terminal.lastRegistration).toEqual({ password: '123456', currency: '0978' });
  });

  it('the synchronous test reports the same steps', async () => {
    const t = await d.call('POST', '/v1/terminals/typed/test');
    expect(t.status).toBe(200);
    expect(t.body.steps.map((s: { step: string; ok: boolean }) => [s.step, s.ok])).toEqual([
      ['connect', true],
      ['registration', true],
      ['terminal_answer', true],
      ['status_enquiry', true],
    ]);
  });

  it('a network terminal that refuses the connection fails the connect step with ECONNREFUSED', async () => {
    const r = await d.call('POST', '/v1/terminals', {
      id: 'refusing',
      kind: 'zvt',
      currency: 'EUR',
      transport: { type: 'tcp', host: '127.0.0.1', port: closedPort },
    });
    expect(r.status).toBe(201);
    const t = await d.call('POST', '/v1/terminals/refusing/test');
    expect(t.body.ok).toBe(false);
    expect(t.body.steps).toEqual([
      expect.objectContaining({ step: 'connect', ok: false, error_code: 'ECONNREFUSED', result_code: null }),
    ]);
    // A second try right after (the technician fixed nothing yet) still tries, and still says why.
    const again = await d.call('POST', '/v1/terminals/refusing/test');
    expect(again.body.steps[0].error_code).toBe('ECONNREFUSED');
    expect(again.body.steps[0].detail).not.toMatch(/trying again in/);
  });

  it('a serial port that does not exist fails the connect step with port_missing', async () => {
    await d.call('POST', '/v1/terminals', serial('absent', `${tmp.dir}/no-such-port`));
    const t = await d.call('POST', '/v1/terminals/absent/test');
    expect(t.body.steps).toEqual([expect.objectContaining({ step: 'connect', ok: false, error_code: 'port_missing' })]);
  });

  it('a cable nobody answers on shows the registration running, then no_link_ack', async () => {
    await d.call('POST', '/v1/terminals', serial('unanswered', silent.a));
    await d.call('POST', '/v1/terminals/unanswered/test', undefined, { prefer: 'respond-async' });
    // While the link layer repeats its frame (T2, three times), the wizard can show where it waits.
    await eventually(async () =>
      expect(
        (await d.call('GET', '/v1/terminals/unanswered/test')).body.steps.map((s: Step) => [s.step, s.state]),
      ).toEqual([
        ['connect', 'ok'],
        ['registration', 'running'],
      ]),
    );
    const { final } = await watch('unanswered');
    expect(final.steps.at(-1)).toMatchObject({ step: 'registration', state: 'failed', error_code: 'no_link_ack' });
  }, 30_000);

  it('no test, no progress; a removed terminal forgets its test', async () => {
    expect((await d.call('GET', '/v1/terminals/nothing-ran/test')).status).toBe(404);
    expect((await d.call('DELETE', '/v1/terminals/absent')).status).toBe(204);
    expect((await d.call('GET', '/v1/terminals/absent/test')).status).toBe(404);
  });
});
