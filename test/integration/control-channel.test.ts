// The control channel over a real unix socket: status, pause, resume, login_link, errors, shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPath } from '../../native/control-channel.js';
import { connectControl, connectToDaemon, type ControlClient } from '../../native/control-client.js';
import { http } from '../helpers/http.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
let client: ControlClient;
beforeAll(async () => {
  d = await startTestDaemon();
  client = await connectToDaemon(d.dataDir);
});
afterAll(async () => {
  client.close();
  await d.stop();
});

describe('control channel', () => {
  it('listens where controlPath says, per data directory', () => {
    expect(d.daemon.controlPath).toBe(controlPath(d.dataDir));
    expect(controlPath('C:\\ProgramData\\posbridge', 'win32')).toMatch(/^\\\\\.\\pipe\\posbridge-[0-9a-f]{16}$/);
  });

  it('answers status with the one-line status, pid and address', async () => {
    const s = (await client.request('status')) as Record<string, unknown>;
    expect(s).toMatchObject({
      pid: process.pid,
      url: d.url,
      level: 'ok',
      paused: false,
      terminals: { total: 6, working: 6 },
    });
    expect(s.headline).toBe('Card payments work on all 6 terminals');
  });

  it('pauses and resumes new payments', async () => {
    expect(await client.request('pause')).toMatchObject({ paused: true, level: 'degraded' });
    expect((await d.call('POST', '/v1/preauths', preauthBody('ctl-1'))).body.code).toBe('paused');
    expect(await client.request('resume')).toMatchObject({ paused: false, level: 'ok' });
    expect((await d.call('POST', '/v1/preauths', preauthBody('ctl-1'))).status).toBe(201);
  });

  it('hands out a one-time login link that opens the window at the asked page', async () => {
    const link = (await client.request('login_link', { hash: '#/pair' })) as { url: string };
    expect(link.url).toMatch(new RegExp(`^${d.url}/ui/#login=pbl_[\\w-]+&view=/pair$`));
    const login = new URLSearchParams(new URL(link.url).hash.slice(1)).get('login');
    expect((await http('POST', `${d.url}/ui/session`, { body: { login } })).status).toBe(201);
    const odd = (await client.request('login_link', { hash: 'javascript:alert(1)' })) as { url: string };
    expect(odd.url).not.toContain('javascript');
    expect(odd.url).not.toContain('view=');
  });

  it('answers an unknown command with an error, and a second client is served too', async () => {
    await expect(client.request('format-disk')).rejects.toThrow(/unknown command: format-disk/);
    const other = await connectToDaemon(d.dataDir);
    expect(await other.request('status')).toMatchObject({ pid: process.pid });
    other.close();
  });

  it('refuses to connect where nobody listens', async () => {
    await expect(connectControl(`${d.dataDir}/nobody.sock`, 'any', 1_000)).rejects.toThrow();
  });
});
