// The daemon's data directory is its user's alone (POSIX): the real `posbridge start` as a child process,
// in a folder it creates, and in one an older version left open (0755, files 0644).
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChild, type DaemonChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dataDir: string, args: string[] = []): Promise<DaemonChild> {
  const c = await startChild(['--data-dir', dataDir, '--port', '0', ...args]);
  cleanups.push(async () => {
    c.proc.kill('SIGTERM');
    await c.exited;
  });
  return c;
}

/** Every entry under `dir`, as relative path → permission bits. */
function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out[relative(dir, p)] = statSync(p).mode & 0o777;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(process.platform === 'win32')(
  "data directory permissions (Windows: the installer's folder ACL instead, see installer.test.ts)",
  () => {
    it('creates the data directory 0700 and every file in it 0600: database, WAL, log, key, token, daemon.json, socket', async () => {
      const tmp = tempDir();
      cleanups.push(tmp.cleanup);
      const dataDir = join(tmp.dir, 'new', 'posbridge');
      await start(dataDir, ['--sandbox']);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const m = modes(dataDir);
      expect(Object.keys(m).sort()).toEqual(
        expect.arrayContaining([
          'control.sock',
          'control.token',
          'daemon.json',
          'logs',
          'logs/posbridge.log',
          'posbridge.sqlite',
          'posbridge.sqlite-shm',
          'posbridge.sqlite-wal',
          'sandbox-api-key',
          'sandbox.json',
          'secret.key',
        ]),
      );
      const loose = Object.entries(m).filter(([p, mode]) => mode !== (p === 'logs' ? 0o700 : 0o600));
      expect(loose).toEqual([]);
    }, 30_000);

    it('tightens a data directory and files an older version left readable, and says so once in its log', async () => {
      const tmp = tempDir();
      cleanups.push(tmp.cleanup);
      const dataDir = join(tmp.dir, 'posbridge');
      // Killed, so the WAL and shared-memory files stay; then everything as open as an older version left it.
      const first = await start(dataDir);
      first.proc.kill('SIGKILL');
      await first.exited;
      expect(Object.keys(modes(dataDir))).toEqual(
        expect.arrayContaining(['posbridge.sqlite-wal', 'posbridge.sqlite-shm', 'secret.key', 'logs/posbridge.log']),
      );
      for (const [f] of Object.entries(modes(dataDir))) chmodSync(join(dataDir, f), f === 'logs' ? 0o755 : 0o644);
      chmodSync(dataDir, 0o755);

      const c = await start(dataDir);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const loose = Object.entries(modes(dataDir)).filter(([p, mode]) => mode !== (p === 'logs' ? 0o700 : 0o600));
      expect(loose).toEqual([]);
      expect(c.output().match(/the data directory was open to other users; it is now 0700/g)).toHaveLength(1);
    }, 30_000);
  },
);
