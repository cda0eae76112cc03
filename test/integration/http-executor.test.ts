// The shared HTTP executor against the Payroc sandbox, with a fake clock for token lifetimes.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bridge/config/load.js';
import { HttpExecutor, TOKEN_RENEW_MARGIN_MS } from '../../bridge/engine/http-executor.js';
import { payrocConnector } from '../../bridge/providers/payroc/connector.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { storedSettings } from '../helpers/terminal-settings.js';

let sandbox: RunningSandbox;
let clock = 1_900_000_000_000;
const fakeClock = { now: () => clock };

beforeAll(async () => {
  sandbox = await startPayrocSandbox(0, { tokenTtlS: 3600 });
});
afterAll(async () => {
  await sandbox.close();
});

function connectorFor(base: string) {
  const cfg = parseConfig({
    providers: {
      payroc: { api_url: `${base}/v1`, identity_url: `${base}/authorize`, api_key: SANDBOX_PAYROC_API_KEY },
    },
  }).providers.payroc!;
  return payrocConnector(cfg, SANDBOX_PAYROC_API_KEY);
}
const ctxTerminal = {
  id: 't',
  currency: null,
  settings: storedSettings(connectorFor('http://127.0.0.1:1'), { processing_terminal_id: '1234001' }),
};
const lookupSpec = (c: ReturnType<typeof connectorFor>) => ({
  ...c.lookup!({
    kind: 'preauth',
    transaction: {
      id: 'pa-x',
      reference: 'r',
      currency: 'USD',
      amountRequested: 1,
      amountAuthorized: null,
      providerRef: null,
      providerRefs: {},
      operator: null,
      expiresAt: null,
      createdAt: '2026-01-01T10:00:00.000Z',
    },
    operation: { id: 'op', amount: 1, idempotencyKey: 'k', providerRef: null, createdAt: '2026-01-01T10:00:00.000Z' },
    terminal: ctxTerminal,
    now: '2026-01-01T00:00:00.000Z',
  })!,
});
const authorizes = () => sandbox.sandbox.requests.filter((r) => r.path === '/authorize').length;

describe('http executor', () => {
  it('caches the token and renews it a minute before it expires', async () => {
    const connector = connectorFor(sandbox.url);
    const ex = new HttpExecutor({ timeoutMs: 2000, connectTimeoutMs: 1000 }, fakeClock);
    const before = authorizes();
    expect((await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal))).kind).toBe('reply');
    expect(authorizes()).toBe(before + 1);
    clock += 3_600_000 - TOKEN_RENEW_MARGIN_MS - 1_000;
    await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal));
    expect(authorizes()).toBe(before + 1);
    clock += 2_000;
    await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal));
    expect(authorizes()).toBe(before + 2);
    await ex.close();
  });

  it('renews once on a 401 and sends again', async () => {
    const connector = connectorFor(sandbox.url);
    const ex = new HttpExecutor({ timeoutMs: 2000, connectTimeoutMs: 1000 }, fakeClock);
    await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal));
    sandbox.sandbox.expireTokens();
    const before = authorizes();
    const r = await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal));
    expect(r.kind === 'reply' && r.reply.status).toBe(200);
    expect(authorizes()).toBe(before + 1);
    await ex.close();
  });

  it('reports a refused connection as not sent, and tells the reachability observer', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const seen: Array<[string, string | null]> = [];
    const connector = connectorFor(`http://127.0.0.1:${port}`);
    const ex = new HttpExecutor({ timeoutMs: 2000, connectTimeoutMs: 1000 }, fakeClock, (ok, err) =>
      seen.push([ok, err]),
    );
    const r = await ex.execute(lookupSpec(connector), connector.authFor!(ctxTerminal));
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') expect(r.failure).toMatchObject({ notSent: true, code: 'ECONNREFUSED' });
    expect(seen[0]?.[0]).toBe('unreachable');
    await ex.close();
  });

  describe('what it tells the provider health', () => {
    let server: Server;
    let base = '';
    let answer: (res: import('node:http').ServerResponse) => void = () => undefined;
    beforeAll(async () => {
      server = createHttpServer((_req, res) => answer(res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const seenFor = async (reply: typeof answer, timeoutMs = 2000) => {
      answer = reply;
      const seen: Array<[string, string | null]> = [];
      const ex = new HttpExecutor({ timeoutMs, connectTimeoutMs: 1000 }, fakeClock, (s, err) => seen.push([s, err]));
      await ex.execute({ method: 'GET', url: `${base}/x`, headers: {}, auth: 'none' }, undefined);
      await ex.close();
      return seen;
    };

    it('an answer below 500 is ok (a decline or a refusal is an answer)', async () => {
      expect(await seenFor((res) => res.writeHead(402).end('{}'))).toEqual([['ok', null]]);
      expect(await seenFor((res) => res.writeHead(422).end())).toEqual([['ok', null]]);
    });

    it('a 5xx, a connection closed before the answer and a timeout after sending are failures', async () => {
      expect(await seenFor((res) => res.writeHead(503).end())).toEqual([['failed', 'answered HTTP 503']]);
      const closed = await seenFor((res) => res.socket?.destroy());
      expect(closed).toHaveLength(1);
      expect(closed[0]![0]).toBe('failed');
      const slow = await seenFor(() => undefined, 300);
      expect(slow).toHaveLength(1);
      expect(slow[0]![0]).toBe('failed');
    });
  });
});
