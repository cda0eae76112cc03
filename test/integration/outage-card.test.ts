// Issue 13, defect 2: the first keyed preauth after its provider went down (nothing listening: every
// connect refused) is answered 202 and waits. Its card must be sealed in its row from the start, so a
// SIGKILL while it waits loses nothing: after the restart, with the provider back, it is sent and
// authorised once. Before cards were sealed at intake, this preauth kept its card in memory only (the
// breaker was still closed when it was accepted) and ended failed/interrupted after the restart.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_PAYPORTER_KEY,
  SANDBOX_PAYPORTER_SECRET,
  startPayPorterSandbox,
} from '../../bridge/sandbox/payporter/server.js';
import { openDatabase } from '../../native/sqlite.js';
import { runCli, startChild, writeConfig, type DaemonChild } from '../helpers/child.js';
import { eventually, http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

const CARD = {
  number: '4111111111111111',
  expiry_month: 12,
  expiry_year: 2035,
  cvv: '123',
  holder_name: 'Outage Test',
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let tmp: ReturnType<typeof tempDir>;
let port: number;
let configFile: string;
let key: string;
const children: DaemonChild[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  tmp = tempDir();
  port = await freePort();
  configFile = writeConfig(tmp.dir, {
    log_level: 'warn',
    wait_timeout_ms: 2_000,
    retry: { base_ms: 200, max_ms: 1_000, max_attempts: 30, resolve_window_ms: 30_000 },
    offline: { breaker_threshold: 2, probe_base_ms: 300, probe_max_ms: 1_000 },
    providers: {
      payporter: {
        api_url: `http://127.0.0.1:${port}`,
        api_key: SANDBOX_PAYPORTER_KEY,
        api_secret: SANDBOX_PAYPORTER_SECRET,
        request_ip: '127.0.0.1',
        request_port: 7420,
        timeout_ms: 2_000,
        connect_timeout_ms: 500,
      },
    },
    terminals: [{ id: 'desk', name: 'Desk', provider: 'payporter' }],
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
  for (const close of closers) await close();
  tmp.cleanup();
});

const start = async () => {
  const c = await startChild(['--data-dir', tmp.dir, '--port', '0', '--config', configFile]);
  children.push(c);
  return c;
};
const call = (c: DaemonChild, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(method, `${c.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}`, ...headers },
  });

describe('a keyed preauth accepted as the provider goes down', () => {
  // Issue 13, defect 1: a preauth cancelled while it waits, never sent, takes its sealed card with it.
  it('is cancelled while it waits offline, and its sealed card goes with it', async () => {
    const daemon = await start();
    const accepted = await call(
      daemon,
      'POST',
      '/v1/preauths',
      { terminal_id: 'desk', amount: 1_500, currency: 'TRY', reference: 'outage-cancel', card: CARD },
      { prefer: 'respond-async' },
    );
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    const db = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
    const row = () =>
      db.prepare(`SELECT state, queued_reason, card_blob FROM operations WHERE transaction_id = ?`).get(id) as {
        state: string;
        queued_reason: string | null;
        card_blob: Buffer | null;
      };
    // Refused twice, the breaker opens: the preauth waits, queued, never sent, its card sealed.
    await eventually(
      () => {
        const r = row();
        return r.state === 'queued' && r.queued_reason === 'provider_unreachable' ? r : undefined;
      },
      20_000,
      50,
    );
    expect(row().card_blob).toBeInstanceOf(Buffer);
    const cancelled = await call(daemon, 'POST', `/v1/preauths/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'failed', error: { code: 'cancelled' } });
    expect(row()).toMatchObject({ state: 'failed', card_blob: null });
    db.close();
    daemon.proc.kill('SIGTERM');
    await daemon.exited;
  }, 60_000);

  it('is sealed from the start, survives a SIGKILL while it waits, and is authorised once when the provider is back', async () => {
    const first = await start();
    const accepted = await call(
      first,
      'POST',
      '/v1/preauths',
      { terminal_id: 'desk', amount: 4_999, currency: 'TRY', reference: 'outage-1', card: CARD },
      { prefer: 'wait=2' },
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body.state).toMatch(/pending|in_progress/);
    const id = accepted.body.id as string;

    const db = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
    const row = db
      .prepare(`SELECT state, card_blob FROM operations WHERE transaction_id = ? AND kind = 'preauth'`)
      .get(id) as { state: string; card_blob: Buffer | null };
    db.close();
    expect(row.state).toMatch(/queued|running/);
    expect(row.card_blob).toBeInstanceOf(Buffer);
    expect(row.card_blob!.toString('latin1')).not.toContain(CARD.number);

    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const provider = await startPayPorterSandbox(port);
    closers.push(() => provider.close());
    const second = await start();
    const done = await eventually(
      async () => {
        const g = await call(second, 'GET', `/v1/preauths/${id}`);
        if (!g.body.final) throw new Error(`not final yet: ${JSON.stringify(g.body)}`); // shown if it never is
        return g.body;
      },
      45_000,
      200,
    );
    expect(done).toMatchObject({ state: 'authorized', amount_authorized: 4_999, reference: 'outage-1' });
    const holds = (await http('GET', `${provider.url}/__sandbox/ledger`)).body.holds as Array<{ reference: string }>;
    expect(holds.filter((h) => h.reference === id || h.reference === 'outage-1')).toHaveLength(1);

    const after = openDatabase(join(tmp.dir, 'posbridge.sqlite'), { readonly: true });
    expect(after.prepare(`SELECT card_blob FROM operations WHERE transaction_id = ?`).pluck().get(id)).toBeNull();
    after.close();
  }, 90_000);
});
