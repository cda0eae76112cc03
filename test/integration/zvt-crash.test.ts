// The daemon killed (SIGKILL) while a ZVT terminal hands over a booking, then started again. The terminal
// (the simulator, in this process, so it outlives the daemon) reverses a booking the ECR never
// acknowledged; the restarted daemon settles the transaction from what it persisted and asks the
// terminal which reservations are open (06 23 with receipt FFFF), raising an alert where they differ.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import type { Reservation } from '../../bridge/sandbox/zvt/terminal.js';
import { openDatabase } from '../../native/sqlite.js';
import { runCli, startChild, writeConfig, type DaemonChild } from '../helpers/child.js';
import { eventually, http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

let sim: RunningZvtTcpSimulator;
let tmp: ReturnType<typeof tempDir>;
let configFile: string;
let key: string;
const children: DaemonChild[] = [];

beforeAll(async () => {
  sim = await startZvtTcpSimulator(0, { cardMs: 30 });
  tmp = tempDir();
  configFile = writeConfig(tmp.dir, {
    log_level: 'warn',
    retry: { base_ms: 100, max_ms: 500, max_attempts: 10, resolve_window_ms: 10_000 },
    providers: { zvt: { t3_ms: 2_000, t4_ms: 10_000, reopen_base_ms: 200, reopen_max_ms: 1_000 } },
    terminals: [
      {
        id: 'lane-1',
        name: 'Lane 1',
        provider: 'zvt',
        currency: 'EUR',
        transport: { type: 'tcp', host: '127.0.0.1', port: sim.port },
      },
    ],
  });
  const created = runCli(['keys', 'create', '--name', 'pos', '--data-dir', tmp.dir]);
  expect(created.status).toBe(0);
  key = created.stdout.trim();
});
afterEach(() => {
  sim.terminal.beforeResult = undefined;
  for (const c of children.splice(0))
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
});
afterAll(async () => {
  await sim.close();
  tmp.cleanup();
});

const start = async () => {
  const c = await startChild(['--data-dir', tmp.dir, '--port', '0', '--config', configFile]);
  children.push(c);
  return c;
};
const call = (c: DaemonChild, method: string, path: string, body?: unknown) =>
  http(method, `${c.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}`, prefer: 'respond-async' },
  });
const events = (type: string) => {
  const db = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
  try {
    return (
      db.prepare('SELECT data_json FROM events WHERE type = ? ORDER BY seq').all(type) as { data_json: string }[]
    ).map((e) => JSON.parse(e.data_json) as Record<string, unknown>);
  } finally {
    db.close();
  }
};
/** Kills the daemon just before the terminal sends the booking's 04 0F; resolves with that reservation. */
const killBeforeResult = (c: DaemonChild) =>
  new Promise<Reservation>((resolve) => {
    sim.terminal.beforeResult = async (r) => {
      sim.terminal.beforeResult = undefined;
      c.proc.kill('SIGKILL');
      await c.exited;
      resolve(r);
    };
  });

/**
 * Lets the 04 0F reach the daemon and be persisted, but the terminal does not hear the acknowledgement;
 * the daemon is killed once its write is done. From the terminal's side: the ECR never confirmed.
 */
const killAfterPersist = (c: DaemonChild) =>
  new Promise<Reservation>((resolve) => {
    sim.terminal.beforeResult = (r) => {
      sim.terminal.beforeResult = undefined;
      sim.terminal.deafToAcks = true;
      void eventually(() => events('terminal.booked').length > 0, 10_000).then(async () => {
        c.proc.kill('SIGKILL');
        await c.exited;
        resolve(r);
      });
    };
  });

describe('a ZVT terminal and a daemon that crashes at the booking', () => {
  it('killed before the 04 0F reached it: the terminal reverses, the transaction fails as interrupted, and both agree', async () => {
    const first = await start();
    const killed = killBeforeResult(first);
    const p = await call(first, 'POST', '/v1/preauths', {
      terminal_id: 'lane-1',
      amount: 3_300,
      currency: 'EUR',
      reference: 'crash-1',
    });
    const id = p.body.id as string;
    const r = await killed;
    await first.exited;
    await eventually(() => expect(r).toMatchObject({ state: 'reversed', autoReversed: true }), 10_000);
    const second = await start();
    await eventually(
      async () =>
        expect((await call(second, 'GET', `/v1/preauths/${id}`)).body).toMatchObject({
          state: 'failed',
          error: { code: 'interrupted' },
        }),
      10_000,
    );
    await eventually(() =>
      expect(events('terminal.reconciled').at(-1)).toMatchObject({ kind: 'agree', openAtTerminal: null }),
    );
    expect(events('alert.terminal_reservations_missing')).toEqual([]);
    second.proc.kill('SIGTERM');
    await second.exited;
  }, 40_000);

  it('killed after persisting but before the terminal heard the acknowledgement: the restarted daemon asks the terminal, which reversed it, and fails the transaction without sending it again', async () => {
    const first = await start();
    const killed = killAfterPersist(first);
    const p = await call(first, 'POST', '/v1/preauths', {
      terminal_id: 'lane-1',
      amount: 4_400,
      currency: 'EUR',
      reference: 'crash-2',
    });
    const id = p.body.id as string;
    const r = await killed;
    await eventually(() => expect(r).toMatchObject({ state: 'reversed', autoReversed: true }), 10_000);
    sim.terminal.deafToAcks = false;
    const reservations = sim.terminal.reservations.size;
    const second = await start();
    // What was persisted is checked with the terminal before it is applied: the terminal took it back.
    await eventually(
      async () =>
        expect((await call(second, 'GET', `/v1/preauths/${id}`)).body).toMatchObject({
          state: 'failed',
          error: { code: 'interrupted' },
        }),
      10_000,
    );
    await eventually(() =>
      expect(events('terminal.reconciled').at(-1)).toMatchObject({ kind: 'agree', openAtTerminal: null }),
    );
    expect(events('alert.terminal_reservations_missing')).toEqual([]);
    // Never sent again: no second reservation, nothing open.
    expect(sim.terminal.reservations.size).toBe(reservations);
    expect([...sim.terminal.reservations.values()].filter((x) => x.state === 'open')).toEqual([]);
    second.proc.kill('SIGTERM');
    await second.exited;
  }, 40_000);
});
