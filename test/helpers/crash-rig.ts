// A rig for crash tests: every provider sandbox and the ZVT simulator in this process (so they outlive the
// daemon), one data directory per terminal kind, and the daemon as a child that a named crash point
// (POSBRIDGE_TEST_CRASH_AT) kills. Each terminal's ledger is read from its sandbox, the way the provider
// would tell it: the holds it has for one of our transactions.
import {
  SANDBOX_BLINK_KEY,
  SANDBOX_BLINK_SECRET,
  SANDBOX_BLINK_TERMINAL,
  startBlinkSandbox,
} from '../../bridge/sandbox/blink/server.js';
import { SANDBOX_LAB4PAY_INTEGRATOR, startLab4PaySandbox } from '../../bridge/sandbox/lab4pay/server.js';
import {
  SANDBOX_PAYPORTER_KEY,
  SANDBOX_PAYPORTER_SECRET,
  startPayPorterSandbox,
} from '../../bridge/sandbox/payporter/server.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox } from '../../bridge/sandbox/payroc/server.js';
import {
  SANDBOX_SMARTRETRY_API_KEY,
  SANDBOX_SMARTRETRY_TERMINAL,
  startSmartRetrySandbox,
} from '../../bridge/sandbox/smartretry/server.js';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import { runCli, startChild, writeConfig, type DaemonChild } from './child.js';
import { eventually, http, type TestResponse } from './http.js';
import { tempDir } from './tmp.js';

export const KINDS = ['payroc', 'smartretry', 'payporter', 'blink', 'lab4pay', 'zvt'] as const;
export type TerminalKind = (typeof KINDS)[number];

/** The transaction as GET /v1/preauths/{id} shows it: the fields these tests read. */
export interface TxJson {
  readonly id: string;
  readonly reference: string;
  readonly state: string;
  readonly final: boolean;
  readonly amount_authorized: number | null;
  readonly amount_captured: number | null;
  readonly provider_reference: string | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface Hold {
  readonly state: 'pending' | 'authorized' | 'captured' | 'voided' | 'declined';
  readonly amount: number;
  readonly captured: number;
}

const KEYED = {
  number: '4111111111111111',
  expiry_month: 12,
  expiry_year: 2035,
  cvv: '123',
  holder_name: 'Crash Test',
};

export const TERMINAL: Record<TerminalKind, { id: string; currency: string; card: boolean }> = {
  payroc: { id: 'crash-payroc', currency: 'USD', card: true },
  smartretry: { id: 'crash-smartretry', currency: 'USD', card: true },
  payporter: { id: 'crash-payporter', currency: 'TRY', card: true },
  blink: { id: 'crash-blink', currency: 'GBP', card: false },
  lab4pay: { id: 'crash-lab4pay', currency: 'EUR', card: false },
  zvt: { id: 'crash-zvt', currency: 'EUR', card: false },
};

export interface Rig {
  /** The holds the provider (or terminal) keeps for one transaction of ours. */
  holds(kind: TerminalKind, tx: { id: string; reference: string; provider_ref: string | null }): Promise<Hold[]>;
  /** Reservations the ZVT simulator took in all (a second one for one preauth would be a doubled hold). */
  zvtReservations(): number;
  station(kind: TerminalKind): Promise<Station>;
  close(): Promise<void>;
}

/** One terminal kind's own data directory, config and API key; daemons started on it one at a time. */
export interface Station {
  readonly kind: TerminalKind;
  readonly terminalId: string;
  start(crashAt?: string): Promise<DaemonChild>;
  call(
    d: DaemonChild,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  preauthBody(reference: string, amount: number): Record<string, unknown>;
  cleanup(): void;
}

export async function startRig(): Promise<Rig> {
  const payroc = await startPayrocSandbox(0);
  const smartretry = await startSmartRetrySandbox(0);
  const payporter = await startPayPorterSandbox(0);
  const blink = await startBlinkSandbox(0, { cardMs: 100 });
  const lab4pay = await startLab4PaySandbox(0, { queueMs: 50, cardMs: 150, operationMs: 100 });
  const zvt: RunningZvtTcpSimulator = await startZvtTcpSimulator(0, { cardMs: 50 });
  const urls: Record<Exclude<TerminalKind, 'zvt'>, string> = {
    payroc: payroc.url,
    smartretry: smartretry.url,
    payporter: payporter.url,
    blink: blink.url,
    lab4pay: lab4pay.url,
  };
  const stations: Station[] = [];

  const providerConfig = (kind: TerminalKind) => {
    const t = { timeout_ms: 10_000, connect_timeout_ms: 2_000 };
    switch (kind) {
      case 'payroc':
        return {
          api_url: `${urls.payroc}/v1`,
          identity_url: `${urls.payroc}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
          ...t,
        };
      case 'smartretry':
        return { api_url: urls.smartretry, api_key: SANDBOX_SMARTRETRY_API_KEY, poll_ms: 200, ...t };
      case 'payporter':
        return {
          api_url: urls.payporter,
          api_key: SANDBOX_PAYPORTER_KEY,
          api_secret: SANDBOX_PAYPORTER_SECRET,
          request_ip: '127.0.0.1',
          request_port: 7420,
          ...t,
        };
      case 'blink':
        return { api_url: urls.blink, pos_api_key: SANDBOX_BLINK_KEY, pos_api_secret: SANDBOX_BLINK_SECRET, ...t };
      case 'lab4pay':
        return { api_url: urls.lab4pay, integrator_id: SANDBOX_LAB4PAY_INTEGRATOR, poll_ms: 200, ...t };
      case 'zvt':
        return { t3_ms: 2_000, t4_ms: 10_000, reopen_base_ms: 100, reopen_max_ms: 500 };
    }
  };
  const terminalConfig = (kind: TerminalKind) => {
    const base = { id: TERMINAL[kind].id, name: `Crash ${kind}`, provider: kind };
    switch (kind) {
      case 'payroc':
        return { ...base, processing_terminal_id: '1234001', channel: 'moto' };
      case 'smartretry':
        return { ...base, terminal_friendly_id: SANDBOX_SMARTRETRY_TERMINAL };
      case 'payporter':
        return base;
      case 'blink':
        return {
          ...base,
          currency: 'GBP',
          blink_terminal_id: SANDBOX_BLINK_TERMINAL,
          site_branch_id: 'London',
          pos_location: 'POS-1',
        };
      case 'lab4pay':
        return { ...base, currency: 'EUR' };
      case 'zvt':
        return { ...base, currency: 'EUR', transport: { type: 'tcp', host: '127.0.0.1', port: zvt.port } };
    }
  };

  return {
    async holds(kind, tx) {
      if (kind === 'zvt') {
        const r = tx.provider_ref === null ? undefined : zvt.terminal.reservations.get(Number(tx.provider_ref));
        if (!r) return [];
        return [
          {
            state: r.state === 'open' ? 'authorized' : r.state === 'booked' ? 'captured' : 'voided',
            amount: r.amount,
            captured: r.booked,
          },
        ];
      }
      const all = (await http('GET', `${urls[kind]}/__sandbox/ledger`)).body.holds as Array<
        Hold & { reference: string }
      >;
      return all.filter((h) => h.reference === tx.id || h.reference === tx.reference);
    },
    zvtReservations: () => zvt.terminal.reservations.size,
    async station(kind) {
      const tmp = tempDir(`posbridge-crash-${kind}-`);
      const configFile = writeConfig(tmp.dir, {
        log_level: 'warn',
        wait_timeout_ms: 2_000,
        // A short resolve window: a request the provider provably never got is failed within seconds.
        retry: { base_ms: 100, max_ms: 400, max_attempts: 30, resolve_window_ms: 2_500 },
        providers: { [kind]: providerConfig(kind) },
        terminals: [terminalConfig(kind)],
      });
      const created = runCli(['keys', 'create', '--name', 'pos', '--data-dir', tmp.dir]);
      if (created.status !== 0) throw new Error(`keys create failed: ${created.stderr}`);
      const key = created.stdout.trim();
      const call = (
        d: DaemonChild,
        method: string,
        path: string,
        body?: unknown,
        headers: Record<string, string> = {},
      ) =>
        http(method, `${d.url}${path}`, {
          ...(body !== undefined ? { body } : {}),
          headers: { authorization: `Bearer ${key}`, ...headers },
        });
      const start = (crashAt?: string) =>
        startChild(
          ['--data-dir', tmp.dir, '--port', '0', '--config', configFile],
          crashAt ? { POSBRIDGE_TEST_CRASH_AT: crashAt } : {},
        );
      if (kind === 'lab4pay') {
        // Pair once: the sealed credentials stay in this data directory for every later daemon.
        const d = await start();
        const paired = await call(d, 'POST', `/v1/terminals/${TERMINAL.lab4pay.id}/pair`, {
          otp: lab4pay.sandbox.mintOtp(),
        });
        d.proc.kill('SIGTERM');
        await d.exited;
        if (paired.status !== 200) throw new Error(`pairing failed: ${paired.status} ${paired.text}`);
      }
      const station: Station = {
        kind,
        terminalId: TERMINAL[kind].id,
        start,
        call,
        preauthBody: (reference, amount) => ({
          terminal_id: TERMINAL[kind].id,
          amount,
          currency: TERMINAL[kind].currency,
          reference,
          ...(TERMINAL[kind].card ? { card: KEYED } : {}),
        }),
        cleanup: () => tmp.cleanup(),
      };
      stations.push(station);
      return station;
    },
    async close() {
      for (const s of stations) s.cleanup();
      for (const r of [payroc, smartretry, payporter, blink, lab4pay, zvt]) await r.close();
    },
  };
}

/** Waits for a daemon to die of its crash point; fails the test if the point was never reached. */
export async function crashed(d: DaemonChild, point: string, ms = 20_000): Promise<void> {
  const exit = await Promise.race([d.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
  if (!exit) {
    d.proc.kill('SIGKILL');
    throw new Error(`the daemon did not reach crash point ${point} within ${ms} ms:\n${d.output()}`);
  }
  if (exit.signal !== 'SIGKILL')
    throw new Error(`the daemon exited (${exit.code}) instead of crashing at ${point}:\n${d.output()}`);
}

/** The transaction once it is settled: final, or unresolved (a person is told; lookups may go on). */
export function settledTransaction(
  station: Station,
  d: DaemonChild,
  find: { id?: string; reference: string },
  ms = 25_000,
) {
  return eventually(
    async () => {
      const r = find.id
        ? await station.call(d, 'GET', `/v1/preauths/${find.id}`)
        : await station.call(
            d,
            'GET',
            `/v1/preauths?reference=${encodeURIComponent(find.reference)}&terminal_id=${station.terminalId}`,
          );
      const tx = (find.id ? r.body : r.body?.data?.[0]) as TxJson | undefined;
      if (!tx?.id) return undefined;
      return tx.final === true || tx.state === 'unresolved' ? tx : undefined;
    },
    ms,
    100,
  );
}
