// Blink lookups with the daemon as a child process (built dist/) and the Blink sandbox in this test
// process, so the sandbox outlives the daemon: a pre-auth waiting at the terminal when the daemon is
// killed is settled from the terminal's request log after the restart; an answer lost on the way back
// is settled by lookup and never shown unresolved.
// Sources: https://api-docs.blinkpayment.co.uk/docs/requestsdata-data (the request log, by date, kept in
// the cloud), https://api-docs.blinkpayment.co.uk/docs/eod-reports-data (the EOD report),
// https://api-docs.blinkpayment.co.uk/docs/post-preauth-completions (SaleToPOIData for the completion).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BLINK_MAGIC,
  SANDBOX_BLINK_KEY,
  SANDBOX_BLINK_SECRET,
  SANDBOX_BLINK_TERMINAL,
  startBlinkSandbox,
} from '../../bridge/sandbox/blink/server.js';
import { runCli, startChild, writeConfig, type DaemonChild } from '../helpers/child.js';
import { eventually, http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

let sandbox: Awaited<ReturnType<typeof startBlinkSandbox>>;
let tmp: ReturnType<typeof tempDir>;
let configFile: string;
let key: string;
const children: DaemonChild[] = [];

/** The customer takes this long at the terminal: long enough to kill the daemon meanwhile. */
const CARD_MS = 2_500;

beforeAll(async () => {
  sandbox = await startBlinkSandbox(0, { cardMs: CARD_MS });
  tmp = tempDir();
  configFile = writeConfig(tmp.dir, {
    log_level: 'warn',
    retry: { base_ms: 100, max_ms: 500, max_attempts: 30, resolve_window_ms: 30_000 },
    providers: {
      blink: {
        api_url: sandbox.url,
        pos_api_key_env: 'TEST_BLINK_KEY',
        pos_api_secret_env: 'TEST_BLINK_SECRET',
        timeout_ms: 10_000,
      },
    },
    terminals: [
      {
        id: 'bar',
        name: 'Bar',
        provider: 'blink',
        currency: 'GBP',
        blink_terminal_id: SANDBOX_BLINK_TERMINAL,
        site_branch_id: 'London',
        pos_location: 'POS-1',
      },
    ],
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

const start = async () => {
  const c = await startChild(['--data-dir', tmp.dir, '--port', '0', '--config', configFile], {
    TEST_BLINK_KEY: SANDBOX_BLINK_KEY,
    TEST_BLINK_SECRET: SANDBOX_BLINK_SECRET,
  });
  children.push(c);
  return c;
};
const call = (c: DaemonChild, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  http(method, `${c.url}${path}`, {
    ...(body !== undefined ? { body } : {}),
    headers: { authorization: `Bearer ${key}`, ...headers },
  });
const pence = (magic: string) => Math.round(Number(magic) * 100);
const preauth = (reference: string, amount = 4_250) => ({ terminal_id: 'bar', amount, currency: 'GBP', reference });
const holdsFor = (id: string) => sandbox.sandbox.ledger().filter((h) => h.reference === id);
const preauthPosts = () =>
  sandbox.sandbox.kit.requests.filter((r) => r.method === 'POST' && r.path === '/v1/card-present/preauth-transactions')
    .length;
/** Our request as the sandbox's request log holds it (docs/requestsdata-data). */
const logged = (id: string) =>
  (
    sandbox.sandbox.records.requests(SANDBOX_BLINK_TERMINAL, sandbox.sandbox.records.today()) as {
      request: { body: { metadata?: { reference?: string } } };
      response: unknown;
    }[]
  ).filter((e) => e.request.body.metadata?.reference === id);

/** Polls the transaction and keeps every state it was seen in, until it is `state`. */
async function watchUntil(c: DaemonChild, id: string, state: string, seen: Set<string>, timeoutMs = 25_000) {
  return eventually(
    async () => {
      const g = await call(c, 'GET', `/v1/preauths/${id}`);
      if (typeof g.body?.state === 'string') seen.add(g.body.state);
      return g.body?.state === state ? g.body : undefined;
    },
    timeoutMs,
    50,
  );
}

describe("blink: answers settled from the terminal's request log", () => {
  it('kill -9 while the customer is at the terminal: after restart the preauth is settled from the request log, one hold, one request', async () => {
    const first = await start();
    const accepted = await call(first, 'POST', '/v1/preauths', preauth('kill-1'), { prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    // Blink has the request and the terminal has not answered yet: kill the daemon now.
    await eventually(() => (logged(id)[0]?.response === null ? true : undefined));
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(logged(id)[0]!.response).toBeNull();

    const second = await start();
    const seen = new Set<string>();
    const done = await watchUntil(second, id, 'authorized', seen);
    expect(done).toMatchObject({
      amount_authorized: 4_250,
      reference: 'kill-1',
      card: { brand: 'mastercard', masked_pan: '546097******4213' },
    });
    expect([...seen]).not.toContain('unresolved');
    expect(holdsFor(id)).toHaveLength(1);
    expect(done.provider_reference).toBe(holdsFor(id)[0]!.id);
    expect(logged(id)).toHaveLength(1); // never sent again
    // The restarted daemon asked the log, not the terminal; the first answers may have said "still working".
    const attempts = (await call(second, 'GET', `/v1/preauths/${id}/attempts`)).body.data as {
      purpose: string;
      outcome: string;
      request: { url: string };
    }[];
    const lookups = attempts.filter((a) => a.purpose === 'lookup');
    expect(lookups.length).toBeGreaterThan(0);
    for (const a of lookups)
      expect(a.request.url).toMatch(
        /\/v1\/card-present\/terminals\/T650M-451-962-212\/requests\?date=\d{4}-\d{2}-\d{2}$/,
      );
    expect(lookups.at(-1)!.outcome).toBe('approved');
    expect(attempts.filter((a) => a.purpose === 'send')).toHaveLength(1);

    // The SaleToPOIData came from the logged answer: the completion carries it and the sandbox accepts it.
    const captured = await call(second, 'POST', `/v1/preauths/${id}/capture`, { amount: 4_000 });
    expect(captured.body).toMatchObject({ state: 'captured', amount_captured: 4_000 });
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 60_000);

  it('a lost answer is settled by lookup, not shown unresolved: a dropped connection (log) and a 503 "Lost connection" (EOD report)', async () => {
    const c = await start();
    sandbox.sandbox.kit.faults.add({
      faults: [{ kind: 'close_after' }],
      method: 'POST',
      path_prefix: '/v1/card-present/preauth-transactions',
    });
    const before = preauthPosts();
    const dropped = await call(c, 'POST', '/v1/preauths', preauth('drop-1'));
    expect(dropped.status).toBe(201);
    expect(dropped.body).toMatchObject({ state: 'authorized', amount_authorized: 4_250 });
    expect(holdsFor(dropped.body.id)).toHaveLength(1);

    const lost = await call(c, 'POST', '/v1/preauths', preauth('lost-1', pence(BLINK_MAGIC.LOST_AFTER_APPROVAL)));
    expect(lost.status).toBe(201);
    expect(lost.body).toMatchObject({ state: 'authorized', amount_authorized: 50_303 });
    expect(holdsFor(lost.body.id)).toHaveLength(1);
    expect(logged(lost.body.id)[0]!.response).toMatchObject({ code: '503' });

    const declined = await call(c, 'POST', '/v1/preauths', preauth('lost-2', pence(BLINK_MAGIC.LOST_AFTER_DECLINE)));
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ code: 'card_declined', transaction: { state: 'declined' } });
    expect(preauthPosts()).toBe(before + 3);
  }, 60_000);
});
