// Signing in to the status window: the one-time link, the session cookie, what the cookie may and may
// not do, the window's files under a strict CSP, and pausing new payments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLink } from '../../bridge/ui-login.js';
import { SESSION_TTL_MS } from '../../bridge/store/ui-sessions.js';
import { http } from '../helpers/http.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';

let d: TestDaemon;
let now = Date.now();
beforeAll(async () => { d = await startTestDaemon({}, { clock: { now: () => now } }); });
afterAll(async () => d.stop());

const port = () => Number(new URL(d.url).port);
async function signIn(): Promise<string> {
  const link = createLoginLink(d.daemon.store, port());
  const res = await http('GET', link.url);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/ui/');
  const cookie = /posbridge_session=([^;]+)/.exec(res.headers['set-cookie'] ?? '')?.[1];
  expect(res.headers['set-cookie']).toMatch(/HttpOnly; SameSite=Strict/);
  return `posbridge_session=${cookie}`;
}

describe('status window sign-in', () => {
  it('exchanges a one-time link for a session that reads the API; the link works once', async () => {
    const link = createLoginLink(d.daemon.store, port());
    const first = await http('GET', link.url);
    expect(first.status).toBe(303);
    const again = await http('GET', link.url);
    expect(again.status).toBe(401);
    expect(again.text).toContain('already been used or has expired');
    expect(again.headers['set-cookie']).toBeUndefined();

    const cookie = await signIn();
    const status = await http('GET', `${d.url}/v1/status`, { headers: { cookie } });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ level: 'ok', headline: expect.stringMatching(/^Card payments work/) });
    // The database keeps only hashes of links and sessions.
    const rows = d.daemon.store.db.prepare('SELECT login_hash, session_hash FROM ui_sessions').all() as { login_hash: string; session_hash: string | null }[];
    expect(JSON.stringify(rows)).not.toContain(cookie.split('=')[1]);
  });

  it('refuses a bad, expired or missing credential, and changes through a cookie without the window header', async () => {
    expect((await http('GET', `${d.url}/v1/status`)).status).toBe(401);
    expect((await http('GET', `${d.url}/v1/status`, { headers: { cookie: 'posbridge_session=pbs_forged' } })).status).toBe(401);
    const cookie = await signIn();
    // A page of another site cannot add the header; a bare cookie changes nothing.
    const bare = await http('POST', `${d.url}/v1/pause`, { headers: { cookie } });
    expect(bare.status).toBe(401);
    expect((await d.call('GET', '/v1/health')).body.paused).toBe(false);
    const expiredLink = createLoginLink(d.daemon.store, port());
    now += 11 * 60_000;
    expect((await http('GET', expiredLink.url)).status).toBe(401);
    now += SESSION_TTL_MS;
    expect((await http('GET', `${d.url}/v1/status`, { headers: { cookie } })).status).toBe(401);
    now = Date.now();
  });

  it('serves the built window under a strict CSP, and says so plainly when not signed in', async () => {
    const page = await http('GET', `${d.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="app">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await http('GET', `${d.url}/ui`)).headers.location).toBe('/ui/');
    const asset = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(page.text)![1]!;
    expect((await http('GET', `${d.url}${asset}`)).status).toBe(200);
    // Loopback-only still holds for the window's files.
    expect((await http('GET', `${d.url}/ui/`, { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('pauses new preauths from the window; repeats and follow-ups of existing holds go on', async () => {
    const held = await d.call('POST', '/v1/preauths', preauthBody('pause-1'));
    expect(held.status).toBe(201);
    const cookie = await signIn();
    const paused = await http('POST', `${d.url}/v1/pause`, { headers: { cookie, 'x-posbridge-ui': '1' } });
    expect(paused.body).toMatchObject({ paused: true, level: 'degraded', headline: 'Paused: posbridge takes no new card payments' });
    const refused = await d.call('POST', '/v1/preauths', preauthBody('pause-2'));
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('paused');
    expect(d.daemon.store.transactions.byReference('sandbox-payroc', 'pause-2')).toBeUndefined();
    expect((await d.call('POST', '/v1/preauths', preauthBody('pause-1'))).status).toBe(200);
    expect((await d.call('POST', `/v1/preauths/${held.body.id}/capture`, {})).body.state).toBe('captured');
    const resumed = await http('POST', `${d.url}/v1/resume`, { headers: { cookie, 'x-posbridge-ui': '1' } });
    expect(resumed.body.paused).toBe(false);
    expect((await d.call('POST', '/v1/preauths', preauthBody('pause-2'))).status).toBe(201);
    const events = d.daemon.store.events.since(0, 10_000).filter((e) => e.type.startsWith('intake.')).map((e) => [e.type, e.data.by]);
    expect(events).toEqual([['intake.paused', 'status window'], ['intake.resumed', 'status window']]);
  });
});
