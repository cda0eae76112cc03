// The control channel under attack, against the real `posbridge start` child on its real socket: a
// client without the token gets nothing but a refusal, idle strangers neither lock the tray out nor
// stay, and 40 MB without a newline costs that client its connection, not the daemon its memory.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPath, MAX_UNAUTHENTICATED } from '../../native/control-channel.js';
import { connectControl, connectToDaemon, type ControlClient } from '../../native/control-client.js';
import { startChild, type DaemonChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
let daemon: DaemonChild;
beforeAll(async () => {
  daemon = await startChild(['--data-dir', tmp.dir, '--port', '0']);
});
afterAll(async () => {
  daemon.proc.kill('SIGTERM');
  await daemon.exited;
  tmp.cleanup();
});

interface Raw {
  readonly socket: Socket;
  received(): string;
  readonly closed: Promise<void>;
}

/** A client that speaks whatever the test makes it write, and records what comes back until the daemon closes it. */
function rawClient(): Promise<Raw> {
  const socket = createConnection({ path: controlPath(tmp.dir) });
  let received = '';
  socket.on('data', (c: Buffer) => {
    received += c.toString('utf8');
  });
  socket.on('error', () => {
    /* EPIPE once the daemon hung up on a writer; 'close' follows */
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** Linux: the daemon's peak resident memory since `resetPeak` (clear_refs 5 resets VmHWM). */
const statusOf = () => readFileSync(`/proc/${daemon.proc.pid}/status`, 'utf8');
const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(statusOf())![1]);
const resetPeak = () => writeFileSync(`/proc/${daemon.proc.pid}/clear_refs`, '5');

describe('control channel: who may speak', () => {
  it('a client without the token gets a refusal and is disconnected, never a login link', async () => {
    const stranger = await rawClient();
    stranger.socket.write(`${JSON.stringify({ id: '1', command: 'login_link', args: { hash: '#/pair' } })}\n`);
    stranger.socket.write(`${JSON.stringify({ id: '2', command: 'pause' })}\n`);
    await stranger.closed;
    const replies = stranger
      .received()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies).toEqual([{ id: '1', ok: false, error: expect.stringMatching(/not authenticated/) }]);
    expect(stranger.received()).not.toMatch(/pbl_|login/);

    await expect(connectControl(controlPath(tmp.dir), 'not-the-token', 5_000)).rejects.toThrow(/not authenticated/);
    const silent = await rawClient();
    await silent.closed;
    expect(silent.received()).toBe('');

    // The tray's way in: the token from the data directory.
    const tray = await connectToDaemon(tmp.dir, 5_000);
    const link = (await tray.request('login_link', { hash: '#/pair' })) as { url: string };
    expect(link.url).toMatch(/\/ui\/#login=pbl_[\w-]+&view=\/pair$/);
    expect(await tray.request('status')).toMatchObject({ pid: daemon.proc.pid, paused: false });
    tray.close();
  }, 30_000);

  it('32 idle strangers neither lock the tray out nor stay; clients with the token are admitted beyond their limit', async () => {
    const idle: Raw[] = [];
    for (let i = 0; i < 32; i++) idle.push(await rawClient());
    const trays: ControlClient[] = [];
    for (let i = 0; i < MAX_UNAUTHENTICATED + 2; i++) trays.push(await connectToDaemon(tmp.dir, 5_000));
    for (const t of trays) expect(await t.request('status')).toMatchObject({ pid: daemon.proc.pid });
    // Each stranger is dropped: pushed out by a newer one, or at the end of its time to say hello.
    await Promise.all(idle.map((c) => c.closed));
    expect(idle.map((c) => c.received()).filter(Boolean)).toEqual([]);
    for (const t of trays) expect(await t.request('status')).toMatchObject({ pid: daemon.proc.pid });
    for (const t of trays) t.close();
  }, 30_000);
});

describe('control channel: how much it takes', () => {
  it('40 MB without a newline disconnects that client; the daemon still answers, and its memory does not take the 40 MB', async () => {
    const linux = process.platform === 'linux';
    if (linux) resetPeak();
    const before = linux ? kib('VmRSS') : 0;
    const flood = await rawClient();
    flood.socket.write(Buffer.alloc(40 * 1024 * 1024, 0x61));
    await flood.closed;
    const tray = await connectToDaemon(tmp.dir, 5_000);
    expect(await tray.request('status')).toMatchObject({ pid: daemon.proc.pid });
    tray.close();
    if (linux) {
      const grewKiB = kib('VmHWM') - before;
      process.stdout.write(`control flood: the daemon's peak RSS grew by ${grewKiB} KiB for a 40 MiB line\n`);
      expect(grewKiB).toBeLessThan(20 * 1024);
    }
  }, 60_000);
});
