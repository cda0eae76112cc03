// Starts a real daemon in-process: real SQLite file in a temp dir, the Payroc sandbox on loopback.
import { parseConfig } from '../../bridge/config/load.js';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../bridge/daemon.js';
import { createLogger, type Logger } from '../../bridge/logging.js';
import { http, type TestResponse } from './http.js';
import { tempDir } from './tmp.js';

export interface TestDaemon {
  readonly daemon: RunningDaemon;
  readonly url: string;
  readonly key: string;
  readonly sandboxUrl: string;
  readonly dataDir: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  faults(faults: unknown[], extra?: Record<string, unknown>): Promise<void>;
  ledger(): Promise<
    Array<{ id: string; reference: string; amount: number; currency: string; state: string; captured: number }>
  >;
  stop(): Promise<void>;
}

export const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' };

export function preauthBody(reference: string, amount = 10_000, extra: Record<string, unknown> = {}) {
  return { terminal_id: 'sandbox-payroc', amount, currency: 'USD', reference, card: CARD, ...extra };
}

export async function startTestDaemon(
  config: Record<string, unknown> = {},
  options: { clock?: { now(): number }; serialPorts?: DaemonOptions['serialPorts']; log?: Logger } = {},
): Promise<TestDaemon> {
  const tmp = tempDir();
  const daemon = await startDaemon({
    dataDir: tmp.dir,
    port: 0,
    config: parseConfig({ retry: { base_ms: 50, max_ms: 400, max_attempts: 8, resolve_window_ms: 5_000 }, ...config }),
    sandbox: true,
    log: options.log ?? createLogger('silent'),
    shutdownGraceMs: 2_000,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.serialPorts ? { serialPorts: options.serialPorts } : {}),
  });
  const key = daemon.sandboxApiKey!;
  const sandboxUrl = daemon.sandboxes!.urls.payroc!;
  return {
    daemon,
    url: daemon.url,
    key,
    sandboxUrl,
    dataDir: tmp.dir,
    call: (method, path, body, headers = {}) =>
      http(method, `${daemon.url}${path}`, {
        ...(body !== undefined ? { body } : {}),
        headers: { authorization: `Bearer ${key}`, ...headers },
      }),
    faults: async (faults, extra = {}) => {
      const r = await http('POST', `${sandboxUrl}/__sandbox/faults`, { body: { faults, ...extra } });
      if (r.status !== 200) throw new Error(`faults refused: ${r.text}`);
    },
    ledger: async () => (await http('GET', `${sandboxUrl}/__sandbox/ledger`)).body.holds,
    stop: async () => {
      await daemon.stop();
      tmp.cleanup();
    },
  };
}
