// The daemon as a child process: kill -9 mid-request and restart; SIGTERM mid-request; loopback only.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPayrocSandbox, SANDBOX_PAYROC_API_KEY, type RunningSandbox } from '../../bridge/sandbox/payroc/server.js';
import { openDatabase } from '../../native/sqlite.js';
import { CARD } from '../helpers/daemon.js';
import { eventually, http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';
import { runCli, startChild, writeConfig, type DaemonChild } from '../helpers/child.js';
import { describeWithTool } from '../helpers/tools.js';

let sandbox: RunningSandbox;
let tmp: ReturnType<typeof tempDir>;
let configFile: string;
let key: string;
const children: DaemonChild[] = [];

beforeAll(async () => {
  sandbox = await startPayrocSandbox(0);
  tmp = tempDir();
  configFile = writeConfig(tmp.dir, {
    log_level: 'warn',
    retry: { base_ms: 100, max_ms: 500, max_attempts: 30, resolve_window_ms: 30_000 },
    providers: {
      payroc: {
        api_url: `${sandbox.url}/v1`,
        identity_url: `${sandbox.url}/authorize`,
        api_key_env: 'TEST_PAYROC_KEY',
        timeout_ms: 10_000,
      },
    },
    terminals: [{ id: 'front-desk', name: 'Front desk', provider: 'payroc', processing_terminal_id: '1234001' }],
  });
  const created = runCli(['keys', 'create', '--name', 'pos', '--data-dir', tmp.dir]);
  expect(created.status).toBe(0);
  key = created.stdout.trim();
});
afterEach(() => {
  for (const c of children.splice(0))
    if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
});
afterAll(async () => {
  await sandbox.close();
  tmp.cleanup();
});

const env = { TEST_PAYROC_KEY: SANDBOX_PAYROC_API_KEY };
const start = async () => {
  const c = await startChild(['--data-dir', tmp.dir, '--port', '0', '--config', configFile], env);
  children.push(c);
  return c;
};
const call = (c: DaemonChild, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(method, `${c.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}`, ...headers },
  });

function holdsFor(reference: string) {
  return sandbox.sandbox.ledger.holds().filter((h) => h.reference === reference);
}

describe('crash safety', () => {
  it('kill -9 while the provider is slow: after restart the preauth finishes with exactly one hold', async () => {
    const first = await start();
    sandbox.sandbox.faults.add({ faults: [{ kind: 'delay', ms: 3000 }], method: 'POST', path_prefix: '/v1/payments' });
    const accepted = await call(
      first,
      'POST',
      '/v1/preauths',
      { terminal_id: 'front-desk', amount: 12_345, currency: 'USD', reference: 'crash-1', card: CARD },
      { prefer: 'respond-async' },
    );
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    await eventually(
      () => sandbox.sandbox.requests.some((r) => r.method === 'POST' && r.path === '/v1/payments') || undefined,
    );
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await start();
    const done = await eventually(
      async () => {
        const g = await call(second, 'GET', `/v1/preauths/${id}`);
        return g.body.state === 'authorized' ? g.body : undefined;
      },
      25_000,
      200,
    );
    expect(done).toMatchObject({ amount_authorized: 12_345, reference: 'crash-1' });
    expect(holdsFor(id)).toHaveLength(1);
    // The restarted daemon looked the order up and, finding nothing yet, resent with the same key:
    // Payroc joined the two, so there is one payment. The sealed card is gone now the outcome is known.
    const posts = sandbox.sandbox.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/payments' && r.at >= accepted.body.created_at,
    );
    expect(new Set(posts.map((p) => p.idempotency_key)).size).toBe(1);
    const db = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT card_blob FROM operations WHERE transaction_id = ?').pluck().get(id)).toBeNull();
    } finally {
      db.close();
    }
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('SIGTERM while a request is in flight: the step finishes, the database closes, exit code 0', async () => {
    const c = await start();
    const posts = () => sandbox.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payments').length;
    const before = posts();
    sandbox.sandbox.faults.add({ faults: [{ kind: 'delay', ms: 1500 }], method: 'POST', path_prefix: '/v1/payments' });
    const accepted = await call(
      c,
      'POST',
      '/v1/preauths',
      { terminal_id: 'front-desk', amount: 2_000, currency: 'USD', reference: 'term-1', card: CARD },
      { prefer: 'respond-async' },
    );
    await eventually(() => posts() > before || undefined);
    c.proc.kill('SIGTERM');
    const exit = await c.exited;
    expect(exit.code).toBe(0);
    const db = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
    try {
      const tx = db.prepare('SELECT state FROM transactions WHERE id = ?').get(accepted.body.id) as { state: string };
      expect(tx.state).toBe('authorized');
    } finally {
      db.close();
    }
    expect(holdsFor(accepted.body.id)).toHaveLength(1);
  });
});

function ipv6LoopbackUsable(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '::1', port: 0 }, () => probe.close(() => resolve(true)));
  });
}

describeWithTool('ss', 'listening sockets', () => {
  it('listens on loopback addresses only', async () => {
    const c = await start();
    const port = new URL(c.url).port;
    const lines = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
    const locals = lines.map((line) => line.trim().split(/\s+/)[3]!.replace(/:\d+$/, '')).sort();
    // Both loopback addresses, and nothing else (on a machine without IPv6 loopback, 127.0.0.1 alone).
    expect(locals).toEqual((await ipv6LoopbackUsable()) ? ['127.0.0.1', '[::1]'] : ['127.0.0.1']);
    const v6 = (await ipv6LoopbackUsable()) ? await http('GET', `http://[::1]:${port}/v1/health`) : undefined;
    if (v6) expect(v6.status).toBe(200);
    const health = await http('GET', `${c.url}/v1/health`);
    expect(health.body.status).toBe('ok');
    c.proc.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);
  });
});
