// `posbridge` command line: start the daemon, create API keys, run a sandbox alone.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openFileLimit } from '../native/fd-limit.js';
import { defaultDataDir } from '../native/paths.js';
import { connectionLimits, type ConnectionLimits } from './api/connection-limits.js';
import { ARCHIVE_USAGE, archiveCommand } from './archive-cli.js';
import { ConfigError, loadConfigFile } from './config/load.js';
import { randomIds, systemClock } from './core/clock.js';
import { DATABASE_FILE, startDaemon, StorageStartError } from './daemon.js';
import { runningDaemonOf, writeDaemonFile } from './daemon-file.js';
import { startDegraded } from './degraded.js';
import { createDaemonLogger } from './logging.js';
import { KEY_SCOPES, type KeyScope } from './store/api-keys.js';
import { openStore } from './store/store.js';
import { createLoginLink } from './ui-login.js';
import { packageVersion } from './version.js';

export const DEFAULT_PORT = 7420;

const USAGE = `posbridge ${packageVersion()} — card pre-authorisations for POS software, on localhost

Usage:
  posbridge start [--data-dir D] [--port P] [--config F] [--sandbox]
  posbridge keys create --name NAME [--scope full|metrics] [--data-dir D]
  posbridge ui [--data-dir D] [--port P]   (prints a one-time link that opens the status window)
${ARCHIVE_USAGE}
  posbridge sandbox payroc|smartretry|payporter|blink|lab4pay [--port P] [--fault-rate 0..1]
  posbridge sandbox zvt [--port P | --serial PATH]   (a simulated ZVT terminal on TCP or a serial line)
  posbridge --version

Data directory: --data-dir, else $POSBRIDGE_DATA_DIR, else ${defaultDataDir()}`;

function fail(message: string, code = 2): never {
  process.stderr.write(`posbridge: ${message}\n`);
  process.exit(code);
}

function portOf(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port must be a number from 0 to 65535, not ${value}`);
  return n;
}

/** Stops on SIGINT/SIGTERM (and on the returned function: the control channel's shutdown), then exits. */
function onSignals(stop: () => Promise<void>): (reason: string) => void {
  let signalled = false;
  const handler = (reason: string) => {
    if (signalled) return;
    signalled = true;
    process.stderr.write(`posbridge: ${reason}, finishing the step in flight and closing the database\n`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`posbridge: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handler('SIGINT received'));
  process.on('SIGTERM', () => handler('SIGTERM received'));
  return handler;
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      sandbox: { type: 'boolean', default: false },
    },
  });
  const config = loadConfigFile(values.config);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const port = portOf(values.port, config.port ?? DEFAULT_PORT);
  const logFile = join(dataDir, 'logs', 'posbridge.log');
  const log = createDaemonLogger(config.log_level, logFile);
  let daemon;
  let requestStop: (reason: string) => void = () => {};
  try {
    daemon = await startDaemon({
      dataDir,
      port,
      config,
      sandbox: values.sandbox ?? false,
      log,
      logFile,
      onShutdownRequest: () => requestStop('shutdown asked on the control channel'),
    });
  } catch (err) {
    if (!(err instanceof StorageStartError)) throw err;
    const degraded = await startDegraded(port, err.message, log, connectionLimits(config.connections, openFileLimit()));
    onSignals(degraded.stop);
    process.stdout.write(
      `posbridge ${packageVersion()} listening on ${degraded.url} (loopback only) DEGRADED: ${err.message}\n`,
    );
    return;
  }
  requestStop = onSignals(daemon.stop);
  writeDaemonFile(dataDir, daemon.port);
  const lines = [
    `posbridge ${packageVersion()} listening on ${daemon.url} (loopback only)`,
    `data: ${join(dataDir, DATABASE_FILE)}`,
    `log: ${join(dataDir, 'logs', 'posbridge.log')}`,
    connectionsLine(daemon.connections),
  ];
  if (daemon.sandboxes) {
    for (const [name, url] of Object.entries(daemon.sandboxes.urls)) lines.push(`sandbox ${name}: ${url}`);
    lines.push(`terminals: ${daemon.sandboxes.config.terminals.map((t) => t.id).join(', ')}`);
    lines.push(`API key: ${daemon.sandboxApiKey} (also in ${join(dataDir, 'sandbox-api-key')})`);
  }
  lines.push(
    `status window: run "npx posbridge ui${values['data-dir'] ? ` --data-dir ${dataDir}` : ''}" for a sign-in link`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

function connectionsLine(limits: ConnectionLimits): string {
  const limit = limits.descriptorLimit !== undefined ? ` (open-file limit ${limits.descriptorLimit})` : '';
  return `connections: at most ${limits.maxConnections} at once${limit}, idle ones shed first`;
}

function keys(args: string[]): void {
  const [sub, ...rest] = args;
  if (sub !== 'create') fail('usage: posbridge keys create --name NAME [--scope full|metrics] [--data-dir D]');
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, scope: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (!values.name || !/^[\w .-]{1,64}$/.test(values.name))
    fail('--name is required (letters, digits, space, . _ -; at most 64)');
  const scope = (values.scope ?? 'full') as KeyScope;
  if (!KEY_SCOPES.includes(scope))
    fail(`--scope is ${KEY_SCOPES.join(' or ')} (metrics: a key that can read GET /v1/metrics and nothing else)`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const store = openStore(join(dataDir, DATABASE_FILE), systemClock, randomIds);
  try {
    const created = store.write((w) => {
      const k = store.apiKeys.create(values.name!, w.at, scope);
      w.emit({ type: 'api_key.created', data: { id: k.id, name: k.name, scope: k.scope } });
      return k;
    });
    process.stdout.write(`${created.key}\n`);
    process.stderr.write(
      `API key "${created.name}" (${created.id}, scope ${created.scope}) created. It is shown only this once; posbridge keeps only its hash.\n`,
    );
  } finally {
    store.close();
  }
}

/** A one-time login link to the running daemon's status window (same --data-dir and --port as start). */
async function ui(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, config: { type: 'string' } },
  });
  const config = loadConfigFile(values.config);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // This data directory's own daemon, wherever it listens: never a link to another posbridge's port.
  const port = portOf(values.port, runningDaemonOf(dataDir)?.port ?? config.port ?? DEFAULT_PORT);
  const running = await fetch(`http://127.0.0.1:${port}/v1/health`, { signal: AbortSignal.timeout(3_000) }).then(
    () => true,
    () => false,
  );
  if (!running)
    fail(
      `posbridge is not answering on port ${port}: start it first (posbridge start), or give the --port it was started with`,
      1,
    );
  const store = openStore(join(dataDir, DATABASE_FILE), systemClock, randomIds);
  try {
    const link = createLoginLink(store, port);
    process.stdout.write(`${link.url}\n`);
    process.stderr.write(`Open this link in a browser on this PC. It works once, until ${link.expiresAt}.\n`);
  } finally {
    store.close();
  }
}

// Each sandbox is loaded only when asked for: `posbridge start` never loads them unless --sandbox.
const SANDBOXES: Record<
  string,
  (port: number) => Promise<{ url: string; close(): Promise<void>; sandbox: { kit: { faultRate: number } } }>
> = {
  payroc: async (port) => (await import('./sandbox/payroc/server.js')).startPayrocSandbox(port),
  smartretry: async (port) => (await import('./sandbox/smartretry/server.js')).startSmartRetrySandbox(port),
  payporter: async (port) => (await import('./sandbox/payporter/server.js')).startPayPorterSandbox(port),
  blink: async (port) => (await import('./sandbox/blink/server.js')).startBlinkSandbox(port),
  lab4pay: async (port) => {
    const { SANDBOX_LAB4PAY_FIRST_OTP, startLab4PaySandbox } = await import('./sandbox/lab4pay/server.js');
    const l = await startLab4PaySandbox(port);
    process.stdout.write(`first one-time password: ${SANDBOX_LAB4PAY_FIRST_OTP} (more: POST ${l.url}/__sandbox/otp)\n`);
    return l;
  },
};

async function zvtSandbox(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, serial: { type: 'string' } } });
  if (values.serial !== undefined && values.port !== undefined) fail('give either --serial PATH or --port P, not both');
  const { startZvtSerialSimulator, startZvtTcpSimulator } = await import('./sandbox/zvt/server.js');
  const { ZVT_DECLINE_AMOUNT } = await import('./sandbox/zvt/terminal.js');
  const running =
    values.serial !== undefined
      ? await startZvtSerialSimulator(values.serial)
      : await startZvtTcpSimulator(portOf(values.port, 0));
  process.stdout.write(
    `zvt terminal simulator listening on ${running.url} (declines ${(ZVT_DECLINE_AMOUNT / 100).toFixed(2)})\n`,
  );
  onSignals(running.close);
}

async function sandbox(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  if (name === 'zvt') return zvtSandbox(rest);
  const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, 'fault-rate': { type: 'string' } } });
  const start = name ? SANDBOXES[name] : undefined;
  if (!start) fail(`unknown sandbox ${name ?? ''}; available: ${[...Object.keys(SANDBOXES), 'zvt'].join(', ')}`);
  const rate = values['fault-rate'] === undefined ? 0 : Number(values['fault-rate']);
  if (!(rate >= 0 && rate <= 1)) fail('--fault-rate must be a number from 0 to 1');
  const running = await start(portOf(values.port, 0));
  running.sandbox.kit.faultRate = rate;
  process.stdout.write(`${name} sandbox listening on ${running.url}\n`);
  onSignals(running.close);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'keys':
        return keys(rest);
      case 'ui':
        return await ui(rest);
      case 'archive': {
        const code = await archiveCommand(rest, (line) => process.stdout.write(`${line}\n`));
        if (code !== 0) process.exitCode = code;
        return;
      }
      case 'sandbox':
        return await sandbox(rest);
      case '--version':
      case '-v':
        process.stdout.write(`${packageVersion()}\n`);
        return;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return;
      default:
        fail(`unknown command ${command}\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      fail(`the port is already in use: is posbridge already running? (${(err as Error).message})`, 1);
    if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'))
      fail(err.message);
    fail((err as Error).stack ?? String(err), 1);
  }
}
