// `--sandbox`: starts every provider sandbox in-process on a free loopback port and points a config
// at them, with one terminal per sandbox. Their base URLs go to <data-dir>/sandbox.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../../native/private-files.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { HttpProviderName } from '../providers/settings.js';
import { SANDBOX_BLINK_KEY, SANDBOX_BLINK_SECRET, SANDBOX_BLINK_TERMINAL, startBlinkSandbox } from './blink/server.js';
import { SANDBOX_LAB4PAY_CURRENCY, SANDBOX_LAB4PAY_INTEGRATOR, startLab4PaySandbox } from './lab4pay/server.js';
import { SANDBOX_PAYPORTER_KEY, SANDBOX_PAYPORTER_SECRET, startPayPorterSandbox } from './payporter/server.js';
import { SANDBOX_PAYROC_API_KEY, startPayrocSandbox } from './payroc/server.js';
import {
  SANDBOX_SMARTRETRY_API_KEY,
  SANDBOX_SMARTRETRY_TERMINAL,
  startSmartRetrySandbox,
} from './smartretry/server.js';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from './zvt/server.js';

export interface RunningSandboxes {
  readonly urls: Record<string, string>;
  readonly config: Config;
  /** A one-time password from the Lab4Pay sandbox terminal, to pair `sandbox-lab4pay`. */
  lab4payOtp(): Promise<string>;
  /** The sandboxes were already running (and keep the pairings of earlier runs). */
  readonly reused: boolean;
  /** The ZVT terminal simulator behind `sandbox-zvt`; it runs in this process, with the daemon. */
  readonly zvt: RunningZvtTcpSimulator;
  close(): Promise<void>;
}

export const SANDBOX_TERMINALS = {
  payroc: 'sandbox-payroc',
  smartretry: 'sandbox-smartretry',
  payporter: 'sandbox-payporter',
  blink: 'sandbox-blink',
  lab4pay: 'sandbox-lab4pay',
  zvt: 'sandbox-zvt',
} as const;

/** `daemonPort` is the daemon's own port: PayPorter's requestPort describes the POS PC. */
const NAMES = ['payroc', 'smartretry', 'payporter', 'blink', 'lab4pay'] as const;

/**
 * Sandboxes that already run (their URLs in <data-dir>/sandbox.json, each answering its ledger) are
 * used as they are: a chaos run keeps them alive across the daemon's deaths. Otherwise they start here.
 */
export async function startSandboxes(base: Config, dataDir: string, daemonPort: number): Promise<RunningSandboxes> {
  const existing = await runningSandboxes(dataDir);
  if (existing) {
    const zvt = await startZvtTcpSimulator(0);
    const urls = { ...existing, zvt: zvt.url };
    writePrivateFile(join(dataDir, 'sandbox.json'), `${JSON.stringify(urls, null, 2)}\n`);
    return {
      urls,
      zvt,
      config: sandboxConfig(base, urls, daemonPort),
      lab4payOtp: async () =>
        (
          (await (
            await fetch(`${existing.lab4pay}/__sandbox/otp`, { method: 'POST', signal: AbortSignal.timeout(3_000) })
          ).json()) as { otp: string }
        ).otp,
      reused: true,
      close: () => zvt.close(),
    };
  }
  return startOwnSandboxes(base, dataDir, daemonPort);
}

async function runningSandboxes(dataDir: string): Promise<Record<(typeof NAMES)[number], string> | undefined> {
  const file = join(dataDir, 'sandbox.json');
  if (!existsSync(file)) return undefined;
  let urls: Record<string, string>;
  try {
    urls = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
  for (const name of NAMES) {
    const url = urls[name];
    if (!url) return undefined;
    try {
      // A sign of life, not the ledger: a busy sandbox with thousands of holds must not look dead (a
      // restarted daemon would then start sandboxes of its own and the earlier holds would be out of sight).
      if (!(await fetch(`${url}/__sandbox/ping`, { signal: AbortSignal.timeout(5_000) })).ok) return undefined;
    } catch {
      return undefined;
    }
  }
  return urls as Record<(typeof NAMES)[number], string>;
}

async function startOwnSandboxes(base: Config, dataDir: string, daemonPort: number): Promise<RunningSandboxes> {
  const payroc = await startPayrocSandbox(0);
  const smartretry = await startSmartRetrySandbox(0);
  const payporter = await startPayPorterSandbox(0);
  const blink = await startBlinkSandbox(0);
  const lab4pay = await startLab4PaySandbox(0);
  const zvt = await startZvtTcpSimulator(0);
  const running = [payroc, smartretry, payporter, blink, lab4pay, zvt];
  const urls = {
    payroc: payroc.url,
    smartretry: smartretry.url,
    payporter: payporter.url,
    blink: blink.url,
    lab4pay: lab4pay.url,
    zvt: zvt.url,
  };
  const config = sandboxConfig(base, urls, daemonPort);
  writePrivateFile(join(dataDir, 'sandbox.json'), `${JSON.stringify(urls, null, 2)}\n`);
  return {
    urls,
    zvt,
    config,
    reused: false,
    lab4payOtp: async () => lab4pay.sandbox.mintOtp(),
    close: async () => {
      for (const r of running) await r.close();
    },
  };
}

/** The configuration that points every provider at its sandbox, with one terminal per sandbox. */
function sandboxConfig(base: Config, urls: Record<(typeof NAMES)[number] | 'zvt', string>, daemonPort: number): Config {
  const timeouts = (name: HttpProviderName) => ({
    timeout_ms: base.providers[name]?.timeout_ms ?? (name === 'blink' ? 180_000 : 20_000),
    connect_timeout_ms: base.providers[name]?.connect_timeout_ms ?? 5_000,
  });
  const ids = new Set<string>(Object.values(SANDBOX_TERMINALS));
  return parseConfig(
    {
      ...base,
      providers: {
        ...base.providers,
        payroc: {
          api_url: `${urls.payroc}/v1`,
          identity_url: `${urls.payroc}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
          ...timeouts('payroc'),
        },
        smartretry: {
          api_url: urls.smartretry,
          api_key: SANDBOX_SMARTRETRY_API_KEY,
          poll_ms: 250,
          ...timeouts('smartretry'),
        },
        // requestIp/requestPort describe the POS PC: in sandbox mode, this machine's loopback.
        payporter: {
          api_url: urls.payporter,
          api_key: SANDBOX_PAYPORTER_KEY,
          api_secret: SANDBOX_PAYPORTER_SECRET,
          request_ip: '127.0.0.1',
          request_port: daemonPort || 7420,
          ...timeouts('payporter'),
        },
        blink: {
          api_url: urls.blink,
          pos_api_key: SANDBOX_BLINK_KEY,
          pos_api_secret: SANDBOX_BLINK_SECRET,
          ...timeouts('blink'),
        },
        lab4pay: {
          api_url: urls.lab4pay,
          integrator_id: SANDBOX_LAB4PAY_INTEGRATOR,
          poll_ms: 250,
          ...timeouts('lab4pay'),
        },
        zvt: base.providers.zvt ?? {},
      },
      terminals: [
        ...base.terminals.filter((t) => !ids.has(t.id)),
        {
          id: SANDBOX_TERMINALS.payroc,
          name: 'Payroc sandbox',
          provider: 'payroc',
          processing_terminal_id: '1234001',
          channel: 'moto',
        },
        {
          id: SANDBOX_TERMINALS.smartretry,
          name: 'SmartRetry sandbox',
          provider: 'smartretry',
          terminal_friendly_id: SANDBOX_SMARTRETRY_TERMINAL,
        },
        { id: SANDBOX_TERMINALS.payporter, name: 'PayPorter sandbox', provider: 'payporter' },
        {
          id: SANDBOX_TERMINALS.blink,
          name: 'Blink sandbox T650',
          provider: 'blink',
          currency: 'GBP',
          blink_terminal_id: SANDBOX_BLINK_TERMINAL,
          site_branch_id: 'London',
          pos_location: 'POS-1',
        },
        {
          id: SANDBOX_TERMINALS.lab4pay,
          name: 'Lab4Pay sandbox',
          provider: 'lab4pay',
          currency: SANDBOX_LAB4PAY_CURRENCY,
        },
        {
          id: SANDBOX_TERMINALS.zvt,
          name: 'ZVT terminal simulator',
          provider: 'zvt',
          currency: 'EUR',
          transport: { type: 'tcp', host: '127.0.0.1', port: Number(new URL(urls.zvt).port) },
        },
      ],
    },
    'sandbox configuration',
  );
}
