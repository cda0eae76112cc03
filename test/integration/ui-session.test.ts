// Signing in to the status window: the one-time link (its token in the fragment), the session token the
// page gets in a body and sends as a header, what a browser hands other local servers on its own (and
// that it opens nothing), expiry and sign-out, old links, the window's files under a strict CSP, and
// pausing new payments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLink } from '../../bridge/ui-login.js';
import { SESSION_TTL_MS } from '../../bridge/store/ui-sessions.js';
import { http, type TestResponse } from '../helpers/http.js';
import { preauthBody, startTestDaemon, type TestDaemon } from '../helpers/daemon.js';
import { startOtherLocalApp } from '../helpers/other-local-app.js';

let d: TestDaemon;
let now = Date.now();
beforeAll(async () => {
  d = await startTestDaemon({}, { clock: { now: () => now } });
});
afterAll(async () => d.stop());

const port = () => Number(new URL(d.url).port);
const loginOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('login') ?? '';
const exchange = (login: unknown, headers: Record<string, string> = {}) =>
  http('POST', `${d.url}/ui/session`, { body: { login }, headers });

/** What the window's page does with a new link: reads the fragment, posts it, keeps the session. */
async function signIn(): Promise<{ session: string; authorization: string }> {
  const res = await exchange(loginOf(createLoginLink(d.daemon.store, port()).url));
  expect(res.status, res.text).toBe(201);
  return { session: res.body.session, authorization: `Bearer ${res.body.session}` };
}

/**
 * A browser opening a sign-in link: it follows redirects, keeps every cookie it is given (by host: a
 * cookie of 127.0.0.1 goes to every port of 127.0.0.1), and runs the page's own sign-in when the address
 * carries a #login fragment. Returns the cookies this browser now sends, on its own, to any local port.
 */
async function browserOpens(link: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: TestResponse) => {
    for (const part of (res.headers['set-cookie'] ?? '').split(/,\s*/)) {
      const pair = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)=([^;]*)/.exec(part);
      if (pair) jar.set(pair[1]!, pair[2]!);
    }
  };
  let url = new URL(link);
  for (let hops = 0; hops < 5; hops++) {
    const res = await http('GET', `${url.origin}${url.pathname}${url.search}`, { headers: cookieHeader(jar) });
    keep(res);
    if (res.status < 300 || res.status >= 400) break;
    const next = new URL(res.headers.location!, url);
    if (!next.hash) next.hash = url.hash; // a redirect without a fragment keeps the one it came with
    url = next;
  }
  const login = new URLSearchParams(url.hash.slice(1)).get('login');
  if (login)
    keep(
      await http('POST', `${url.origin}/ui/session`, {
        body: { login },
        headers: { origin: url.origin, ...cookieHeader(jar) },
      }),
    );
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
const cookieHeader = (jar: Map<string, string>): Record<string, string> =>
  jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {};

describe('status window sign-in', () => {
  it('another local server the browser visits gets nothing that pauses intake or takes a payment', async () => {
    const cookies = await browserOpens(createLoginLink(d.daemon.store, port()).url);
    const other = await startOtherLocalApp();
    try {
      // The browser visits the other app: what it sends there on its own is its cookies of this host.
      await http('GET', `${other.url}/`, cookies ? { headers: { cookie: cookies } } : {});
      const stolen = other.seen[0]!;
      const replay = { ...(stolen.cookie ? { cookie: stolen.cookie } : {}), 'x-posbridge-ui': '1' };
      const pause = await http('POST', `${d.url}/v1/pause`, { headers: replay });
      expect(pause.status).toBe(401);
      expect(pause.body.code).toBe('unauthorized');
      const preauth = await http('POST', `${d.url}/v1/preauths`, { body: preauthBody('stolen-1'), headers: replay });
      expect(preauth.status).toBe(401);
      expect((await d.call('GET', '/v1/health')).body.paused).toBe(false);
      expect(d.daemon.store.transactions.byReference('sandbox-payroc', 'stolen-1')).toBeUndefined();
      // Nor can a page of that app send a header credential instead: the preflight it needs is refused.
      const preflight = await http('OPTIONS', `${d.url}/v1/pause`, {
        headers: {
          origin: other.url,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(403);
      expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('ignores a session token sent as a cookie (the old posbridge_session), even a live one', async () => {
    const { session, authorization } = await signIn();
    const asCookie = { cookie: `posbridge_session=${session}`, 'x-posbridge-ui': '1' };
    expect((await http('GET', `${d.url}/v1/status`, { headers: asCookie })).status).toBe(401);
    expect((await http('POST', `${d.url}/v1/pause`, { headers: asCookie })).status).toBe(401);
    // Nor is it a credential anywhere else a browser puts things on its own: the query string.
    expect((await http('GET', `${d.url}/v1/status?session=${session}`)).status).toBe(401);
    expect((await http('GET', `${d.url}/v1/status`, { headers: { authorization } })).status).toBe(200);
  });

  it('the link carries a one-time token in its fragment; the page trades it once for a session in the body, no cookie', async () => {
    const link = createLoginLink(d.daemon.store, port(), '#/pair');
    expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port()}/ui/#login=pbl_[\\w-]{43}&view=/pair$`));
    // What the browser requests for that address: the page, without the fragment, and no cookie comes back.
    const page = await http('GET', `${d.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();

    const first = await exchange(loginOf(link.url), { origin: d.url });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      session: expect.stringMatching(/^pbs_[\w-]{43}$/),
      expires_at: new Date(now + SESSION_TTL_MS).toISOString(),
    });
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await exchange(loginOf(link.url));
    expect(again.status).toBe(401);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({
      code: 'login_link_invalid',
      detail: expect.stringMatching(/already been used or has expired/),
    });

    const status = await http('GET', `${d.url}/v1/status`, {
      headers: { authorization: `Bearer ${first.body.session}` },
    });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ level: 'ok', headline: expect.stringMatching(/^Card payments work/) });
    // The database keeps only hashes of links and sessions.
    const rows = JSON.stringify(d.daemon.store.db.prepare('SELECT * FROM ui_sessions').all());
    expect(rows).not.toContain(first.body.session);
    expect(rows).not.toContain(loginOf(link.url));
  });

  it('refuses a sign-in it cannot read, or from another origin, in problem+json, and starts no session', async () => {
    const started = () => d.daemon.store.events.since(0, 100_000).filter((e) => e.type === 'ui_session.started').length;
    const before = started();
    const login = loginOf(createLoginLink(d.daemon.store, port()).url);
    const cases: Array<[TestResponse, number, string]> = [
      [await exchange(42), 400, 'validation_failed'],
      [await http('POST', `${d.url}/ui/session`, { body: { login, extra: 1 } }), 400, 'validation_failed'],
      [await http('POST', `${d.url}/ui/session`, { body: {} }), 400, 'validation_failed'],
      [
        await http('POST', `${d.url}/ui/session`, {
          raw: `login=${login}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      ],
      [
        await http('POST', `${d.url}/ui/session`, {
          raw: '{"login":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'invalid_json',
      ],
      [await exchange(login, { origin: 'http://127.0.0.1:8080' }), 403, 'forbidden_origin'],
      [await exchange('pbl_made-up'), 401, 'login_link_invalid'],
    ];
    expect(cases.map(([r]) => [r.status, r.body?.code])).toEqual(cases.map(([, s, c]) => [s, c]));
    expect(started()).toBe(before);
    // None of that used the link up.
    expect((await exchange(login)).status).toBe(201);
  });

  it('a login link expires after ten minutes, a session after twelve hours; sign-out ends one at once', async () => {
    const unused = loginOf(createLoginLink(d.daemon.store, port()).url);
    const { authorization } = await signIn();
    now += 10 * 60_000 + 1;
    expect((await exchange(unused)).body.code).toBe('login_link_invalid');
    now += SESSION_TTL_MS - 10 * 60_000 - 2;
    expect((await http('GET', `${d.url}/v1/status`, { headers: { authorization } })).status).toBe(200);
    now += 1;
    const expired = await http('GET', `${d.url}/v1/status`, { headers: { authorization } });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('unauthorized');
    now = Date.now();

    const fresh = await signIn();
    const other = await signIn();
    const out = await http('DELETE', `${d.url}/ui/session`, { headers: { authorization: fresh.authorization } });
    expect(out.status).toBe(204);
    expect((await http('GET', `${d.url}/v1/status`, { headers: { authorization: fresh.authorization } })).status).toBe(
      401,
    );
    expect((await http('POST', `${d.url}/v1/pause`, { headers: { authorization: fresh.authorization } })).status).toBe(
      401,
    );
    const twice = await http('DELETE', `${d.url}/ui/session`, { headers: { authorization: fresh.authorization } });
    expect([twice.status, twice.body.code]).toEqual([401, 'unauthorized']);
    expect(
      (await http('DELETE', `${d.url}/ui/session`, { headers: { authorization: `Bearer ${d.key}` } })).status,
    ).toBe(401);
    // Signing out one window leaves the others, and the POS's key, alone.
    expect((await http('GET', `${d.url}/v1/status`, { headers: { authorization: other.authorization } })).status).toBe(
      200,
    );
    expect((await d.call('GET', '/v1/status')).status).toBe(200);
    const ended = d.daemon.store.events.since(0, 100_000).filter((e) => e.type === 'ui_session.ended');
    expect(ended).toHaveLength(1);
  });

  it('sends a link of an earlier version (/ui/login?token=) on to the fragment form, without using it up', async () => {
    const login = loginOf(createLoginLink(d.daemon.store, port()).url);
    const old = `${d.url}/ui/login?token=${login}`;
    for (const _ of [1, 2]) {
      const res = await http('GET', old);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/ui/#login=${login}`);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect((await exchange(login)).status).toBe(201);
    const broken = await http('GET', `${d.url}/ui/login?token=%22%3E%3Cscript%3E`);
    expect(broken.status).toBe(401);
    expect(broken.headers['content-type']).toMatch(/^text\/html/);
    expect(broken.text).toContain('This sign-in link is not valid');
    expect(broken.text).not.toContain('<script>');
    expect((await http('GET', `${d.url}/ui/login`)).status).toBe(401);
  });

  it('serves the built window under a strict CSP', async () => {
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
    const { authorization } = await signIn();
    const paused = await http('POST', `${d.url}/v1/pause`, { headers: { authorization } });
    expect(paused.body).toMatchObject({
      paused: true,
      level: 'degraded',
      headline: 'Paused: posbridge takes no new card payments',
    });
    const refused = await d.call('POST', '/v1/preauths', preauthBody('pause-2'));
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('paused');
    expect(d.daemon.store.transactions.byReference('sandbox-payroc', 'pause-2')).toBeUndefined();
    expect((await d.call('POST', '/v1/preauths', preauthBody('pause-1'))).status).toBe(200);
    expect((await d.call('POST', `/v1/preauths/${held.body.id}/capture`, {})).body.state).toBe('captured');
    const resumed = await http('POST', `${d.url}/v1/resume`, { headers: { authorization } });
    expect(resumed.body.paused).toBe(false);
    expect((await d.call('POST', '/v1/preauths', preauthBody('pause-2'))).status).toBe(201);
    const events = d.daemon.store.events
      .since(0, 10_000)
      .filter((e) => e.type.startsWith('intake.'))
      .map((e) => [e.type, e.data.by]);
    expect(events).toEqual([
      ['intake.paused', 'status window'],
      ['intake.resumed', 'status window'],
    ]);
  });
});
