// Supervision with real parts: the real `posbridge start` as a child process and the real control
// channel on a unix socket. The supervisor starts the daemon when none answers, starts it again when
// it is killed, attaches to one that already runs without starting another, and stops its own on quit.
import { afterEach, describe, expect, it } from 'vitest';
import { connectToDaemon } from '../../native/control-client.js';
import { spawnDaemon } from '../../main/daemon-child.js';
import { Supervisor } from '../../main/supervisor.js';
import type { Link } from '../../main/tray-state.js';
import { BIN, startChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function supervise(dataDir: string) {
  const spawned: number[] = [];
  const links: Link[] = [];
  const s = new Supervisor({
    connect: () => connectToDaemon(dataDir, 1_000),
    spawnDaemon: () => {
      const child = spawnDaemon({ execPath: process.execPath, binPath: BIN, dataDir, extraArgs: ['--port', '0'] });
      spawned.push(child.pid!);
      return child;
    },
    pollMs: 300,
    startWaitMs: 15_000,
    restartDelayMs: 200,
  });
  s.on('link', (l) => links.push(l));
  return { s, spawned, links };
}
const pidOf = (l: Link) => (l.kind === 'connected' ? l.status.pid : undefined);

describe('supervisor', () => {
  it('starts a daemon when none answers, restarts it when it dies, and stops it on quit', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const { s, spawned, links } = supervise(tmp.dir);
    cleanups.push(() => s.stop(true));
    await s.start();
    expect(s.ownsDaemon).toBe(true);
    expect(spawned).toHaveLength(1);
    expect(pidOf(s.link)).toBe(spawned[0]);

    process.kill(spawned[0]!, 'SIGKILL');
    await expect.poll(() => spawned.length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => pidOf(s.link), { timeout: 15_000 }).toBe(spawned[1]);
    expect(links.some((l) => l.kind === 'lost' && l.restarts === 1)).toBe(true);

    await s.stop(true);
    // Asked to shut down, the daemon exited: nobody answers any more, and no new one was started.
    await expect(connectToDaemon(tmp.dir, 500)).rejects.toThrow();
    expect(spawned).toHaveLength(2);
  }, 45_000);

  it('attaches to a daemon that already runs (a service) without starting one, and leaves it running', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const service = await startChild(['--data-dir', tmp.dir, '--port', '0']);
    cleanups.push(async () => {
      service.proc.kill('SIGTERM');
      await service.exited;
    });
    const { s, spawned } = supervise(tmp.dir);
    await s.start();
    expect(spawned).toEqual([]);
    expect(s.ownsDaemon).toBe(false);
    expect(pidOf(s.link)).toBe(service.proc.pid);
    expect(s.link.kind === 'connected' && s.link.status.url).toBe(service.url);
    await s.stop(s.ownsDaemon);
    const still = await connectToDaemon(tmp.dir, 1_000);
    expect(await still.request('status')).toMatchObject({ pid: service.proc.pid });
    still.close();
  }, 30_000);
});
