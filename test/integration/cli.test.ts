// The posbridge command: keys, --sandbox set-up files, the sandbox alone, bad arguments.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../native/sqlite.js';
import { runCli, startChild, startCommand, writeConfig, type DaemonChild } from '../helpers/child.js';
import { http } from '../helpers/http.js';
import { registration } from '../../bridge/terminals/zvt/commands.js';
import { runCommand } from '../../bridge/terminals/zvt/session.js';
import { connectZvtTcp } from '../../bridge/terminals/zvt/tcp.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
const running: DaemonChild[] = [];
afterAll(() => {
  for (const c of running) c.proc.kill('SIGKILL');
  tmp.cleanup();
});

describe('posbridge command line', () => {
  it('keys create prints a key once and stores only its hash', () => {
    const dir = join(tmp.dir, 'keys');
    const r = runCli(['keys', 'create', '--name', 'till 1', '--data-dir', dir]);
    expect(r.status).toBe(0);
    const key = r.stdout.trim();
    expect(key).toMatch(/^pbk_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/shown only this once/);
    const db = openDatabase(join(dir, 'posbridge.sqlite'), { readonly: true });
    const rows = JSON.stringify(db.prepare('SELECT * FROM api_keys').all());
    db.close();
    expect(rows).toContain('till 1');
    expect(rows).not.toContain(key);
    expect(runCli(['keys', 'create', '--data-dir', dir]).status).toBe(2);
  });

  it('keys create --scope metrics makes a key for a monitoring scraper; an unknown scope is refused, nothing made', () => {
    const dir = join(tmp.dir, 'scoped');
    const r = runCli(['keys', 'create', '--name', 'scraper', '--scope', 'metrics', '--data-dir', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/scope metrics/);
    expect(runCli(['keys', 'create', '--name', 'root', '--scope', 'admin', '--data-dir', dir]).status).toBe(2);
    const db = openDatabase(join(dir, 'posbridge.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT name, scope FROM api_keys').all();
    db.close();
    expect(rows).toEqual([{ name: 'scraper', scope: 'metrics' }]);
  });

  it('ui gives a link to the daemon of its own data directory, wherever it listens, not to whatever answers on the default port', async () => {
    const dir = join(tmp.dir, 'ui-port');
    const config = writeConfig(tmp.dir, { log_level: 'warn', terminals: [] });
    const c = await startChild(['--data-dir', dir, '--port', '0', '--config', config]);
    running.push(c);
    const port = new URL(c.url).port;
    expect(JSON.parse(readFileSync(join(dir, 'daemon.json'), 'utf8'))).toMatchObject({
      port: Number(port),
      pid: c.proc.pid,
    });
    const ui = runCli(['ui', '--data-dir', dir]);
    expect(ui.status, ui.stderr).toBe(0);
    expect(ui.stdout.trim()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/ui/#login=pbl_[\\w-]+$`));
    c.proc.kill('SIGTERM');
    await c.exited;
    // Its daemon gone, the file no longer leads anywhere: ui says so rather than link to another daemon.
    const after = runCli(['ui', '--data-dir', dir, '--config', writeConfig(join(tmp.dir), { port: Number(port) })]);
    expect(after.status).toBe(1);
    expect(after.stderr).toMatch(/not answering on port/);
  });

  it('start --sandbox writes the key and sandbox URLs, and POSBRIDGE_DATA_DIR picks the data dir', async () => {
    const dir = join(tmp.dir, 'sandbox');
    const c = await startChild(['--sandbox', '--port', '0'], { POSBRIDGE_DATA_DIR: dir });
    running.push(c);
    const key = readFileSync(join(dir, 'sandbox-api-key'), 'utf8').trim();
    expect(c.output()).toContain(key);
    const urls = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as Record<string, string>;
    expect(urls.payroc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await http('GET', `${urls.payroc}/__sandbox/ledger`)).body).toEqual({ holds: [] });
    const terminals = await http('GET', `${c.url}/v1/terminals`, { headers: { authorization: `Bearer ${key}` } });
    expect(terminals.body.data.map((t: { id: string }) => t.id).sort()).toEqual([
      'sandbox-blink',
      'sandbox-lab4pay',
      'sandbox-payporter',
      'sandbox-payroc',
      'sandbox-smartretry',
      'sandbox-zvt',
    ]);
    expect(Object.keys(urls).sort()).toEqual(['blink', 'lab4pay', 'payporter', 'payroc', 'smartretry', 'zvt']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'sandbox-api-key')).mode & 0o077).toBe(0);
    expect(existsSync(join(dir, 'logs', 'posbridge.log'))).toBe(true);
    c.proc.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);
  });

  it.each(['payroc', 'smartretry', 'payporter', 'blink', 'lab4pay'])(
    'sandbox %s runs the sandbox alone',
    async (name) => {
      const c = await startCommand(['sandbox', name, '--port', '0']);
      running.push(c);
      expect((await http('GET', `${c.url}/__sandbox/ledger`)).body).toEqual({ holds: [] });
      c.proc.kill('SIGTERM');
    },
  );

  it('sandbox zvt runs the simulated terminal on TCP, and it answers a registration', async () => {
    const c = await startCommand(['sandbox', 'zvt', '--port', '0'], {}, /listening on (tcp:\/\/127\.0\.0\.1:\d+)/);
    running.push(c);
    const link = await connectZvtTcp('127.0.0.1', Number(new URL(c.url).port));
    const r = await runCommand(
      link,
      registration('000000', 'EUR'),
      { persist: () => undefined },
      { t3Ms: 5_000, t4Ms: 5_000 },
    );
    expect(r.state).toBe('done');
    await link.close();
    c.proc.kill('SIGTERM');
  });

  it('refuses an invalid config file with every problem listed, and unknown commands', () => {
    const file = writeConfig(tmp.dir, { port: 'x', terminals: [{ id: 'a', provider: 'payroc' }] });
    const r = runCli(['start', '--config', file, '--data-dir', join(tmp.dir, 'bad')]);
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/\/port/);
    expect(r.stderr).toMatch(/processing_terminal_id/);
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['start', '--port', '99999']).status).toBe(2);
  });
});
