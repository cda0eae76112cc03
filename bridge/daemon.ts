// Assembles and runs the daemon: store, engine, API, and (with --sandbox) the provider sandboxes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { connectionLimits, type ConnectionLimits } from './api/connection-limits.js';
import { listenLoopback } from './api/listen.js';
import { buildServer, pendingSchemasOf } from './api/server.js';
import type { PendingSchemas } from './api/lazy-schemas.js';
import { SseHub } from './api/sse.js';
import { terminalSettings } from './config/load.js';
import type { Config } from './config/schema.js';
import { randomIds, systemClock, type Clock, type IdSource } from './core/clock.js';
import { Engine } from './engine/engine.js';
import { DAEMON_ACTOR, Intake } from './engine/intake.js';
import { expireHolds } from './engine/expiry.js';
import { raiseOrphanHolds } from './engine/orphans.js';
import { Breakers } from './engine/breakers.js';
import { RemoteTerminals } from './engine/remote-terminals.js';
import type { Logger } from './logging.js';
import { buildChannels } from './wiring/channels.js';
import type { RunningSandboxes } from './sandbox/setup.js';
import { pairTerminal } from './engine/pairing.js';
import { fileSecretBox } from '../native/secret-box.js';
import { openFileLimit } from '../native/fd-limit.js';
import { preparePrivateDir, writePrivateFile } from '../native/private-files.js';
import { listSerialPorts, type SerialPortView } from '../native/zvt-transport.js';
import { controlPath } from '../native/control-channel.js';
import { serveControl, type ControlServer } from '../native/control-server.js';
import { issueControlToken } from '../native/control-token.js';
import { controlHandler } from './control.js';
import { openStore, type Store } from './store/store.js';
import { packageVersion } from './version.js';
import { crashHookFromEnv } from './engine/crash-points.js';
import { scheduleIntegrityChecks, type IntegrityChecker } from './integrity-schedule.js';
import { archiveCrashFromEnv, runArchive, type ArchiveRunReport } from './engine/archive-run.js';
import { ArchiveLookup } from './store/archive-lookup.js';
import { preloadHttpClient } from './engine/http-executor.js';

export interface DaemonOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly config: Config;
  readonly sandbox: boolean;
  readonly log: Logger;
  /** The file the log is written to, shown on the window's Help page. */
  readonly logFile?: string;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** How long a step in flight may finish at shutdown before it is aborted (and left in doubt). */
  readonly shutdownGraceMs?: number;
  /** Lists serial ports; tests give one built on serialport's mock binding. */
  readonly serialPorts?: () => Promise<SerialPortView[]>;
  /** Called when the control channel asks the daemon to shut down (the CLI exits once stopped). */
  readonly onShutdownRequest?: () => void;
}

export interface RunningDaemon {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly sandboxes: RunningSandboxes | undefined;
  /** The sandbox API key, when started with --sandbox. */
  readonly sandboxApiKey: string | undefined;
  /** Where the control channel listens (undefined if it could not be opened). */
  readonly controlPath: string | undefined;
  /** The API's connection cap and timeouts, as sized for this process. */
  readonly connections: ConnectionLimits;
  /** The background database check (tests run one at once with runNow). */
  readonly integrity: IntegrityChecker;
  /** The API's validators and serializers no request has needed yet (tests compile them all at once). */
  readonly schemas: PendingSchemas;
  /** Runs the archive now (as the schedule does); resolves with what it moved. */
  archiveNow(): Promise<ArchiveRunReport>;
  stop(): Promise<void>;
}

export const DATABASE_FILE = 'posbridge.sqlite';
/** When the HTTP client for providers is loaded, after the API answers. */
export const HTTP_CLIENT_AFTER_START_MS = 3_000;

/** Where the monthly archive files are: retention.archive_dir, else <data-dir>/archive. */
export function archiveDirOf(config: Config, dataDir: string): string {
  return config.retention.archive_dir ?? join(dataDir, 'archive');
}

/** The database cannot be used at all: the daemon then runs degraded (see degraded.ts), never crash-loops. */
export class StorageStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageStartError';
  }
}

/** Reuses the sandbox key from an earlier run if it is still valid, so scripts keep working. */
function sandboxKey(store: Store, dataDir: string): string {
  const file = join(dataDir, 'sandbox-api-key');
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing && store.apiKeys.verify(existing)) return existing;
  }
  const created = store.write((w) => store.apiKeys.create('sandbox', w.at));
  writePrivateFile(file, `${created.key}\n`);
  return created.key;
}

export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  // The database, log, secret key and control token are for the daemon's user only (see private-files.ts).
  const { tightenedFrom } = preparePrivateDir(opts.dataDir);
  if (tightenedFrom !== undefined) {
    opts.log.warn(
      { path: opts.dataDir, mode: tightenedFrom.toString(8) },
      'the data directory was open to other users; it is now 0700',
    );
  }
  // The sandboxes (and their servers) are loaded only with --sandbox.
  const sandboxKit = opts.sandbox ? await import('./sandbox/setup.js') : undefined;
  const sandboxes = sandboxKit ? await sandboxKit.startSandboxes(opts.config, opts.dataDir, opts.port) : undefined;
  const config = sandboxes?.config ?? opts.config;

  let store: Store;
  try {
    store = openStore(join(opts.dataDir, DATABASE_FILE), clock, ids, config.database.busy_timeout_ms);
  } catch (err) {
    await sandboxes?.close();
    throw new StorageStartError(
      `the database ${join(opts.dataDir, DATABASE_FILE)} cannot be opened: ${(err as Error).message}`,
    );
  }
  // No integrity check here: it reads every page of the database (11 s at 251k transactions). SQLite
  // checks each page it touches, a database it cannot open at all fails above, and the quick check runs
  // in the background once the API answers (integrity-schedule.ts).
  store.write((w) => {
    for (const t of config.terminals) {
      store.terminals.upsert(
        {
          id: t.id,
          provider: t.provider,
          name: t.name ?? t.id,
          currency: t.currency ?? null,
          settings: terminalSettings(t),
        },
        w.at,
      );
    }
    w.emit({ type: 'daemon.started', data: { version: packageVersion(), pid: process.pid, sandbox: opts.sandbox } });
  });

  const breakers = new Breakers(clock, {
    threshold: config.offline.breaker_threshold,
    backoff: { baseMs: config.offline.probe_base_ms, maxMs: config.offline.probe_max_ms },
    onChange: (provider, change) => {
      const type =
        change.to === 'open'
          ? 'provider.unreachable'
          : change.to === 'closed'
            ? 'provider.reachable'
            : 'provider.probing';
      try {
        store.write((w) => {
          w.emit({ type, data: { provider, from: change.from, to: change.to, error: change.error } });
        });
      } catch (err) {
        opts.log.error({ err, provider }, 'could not record a provider state change');
      }
      opts.log.warn({ provider, ...change }, type);
    },
    // Reached but not answering usably (5xx, closed, timed out), or answering again: the window and the
    // event log hear of it as they hear of unreachable.
    onFailing: (provider, failing, error) => {
      const type = failing ? 'provider.failing' : 'provider.answering';
      try {
        store.write((w) => {
          w.emit({ type, data: { provider, error } });
        });
      } catch (err) {
        opts.log.error({ err, provider }, 'could not record a provider state change');
      }
      opts.log.warn({ provider, error }, type);
    },
  });
  let channels;
  try {
    channels = buildChannels(config, store, clock, opts.log, breakers);
  } catch (err) {
    store.close();
    await sandboxes?.close();
    throw err;
  }
  // Terminal credentials from pairing are sealed under a key that never leaves this data directory.
  const secrets = fileSecretBox(join(opts.dataDir, 'secret.key'));
  const withCrashHook = () => {
    const crash = crashHookFromEnv();
    return crash ? { crash } : {};
  };
  const engine = new Engine({
    store,
    ids,
    log: opts.log,
    channels: channels.byProvider,
    secrets,
    breakers,
    queueMaxAgeMs: config.offline.max_age_ms,
    holdMsFor: (provider) => (config.holds.per_provider[provider] ?? config.holds.default_hours) * 3_600_000,
    backoff: { baseMs: config.retry.base_ms, maxMs: config.retry.max_ms },
    maxAttempts: config.retry.max_attempts,
    cardPresentStartMs: config.card_present_start_ms,
    compactAttemptsAtEnd: config.retention.compact_after_ms === 0,
    ...withCrashHook(),
    resolveWindowMs: config.retry.resolve_window_ms,
    // A step is a token request, the call, and one more call after a 401: three timeouts and margin.
    leaseMs: 3 * channels.slowestMs + 15_000,
  });
  const intake = new Intake(engine.intakeDeps(ids, config.offline));
  const autoVoid = new Set(config.terminals.filter((t) => t.auto_void_at_expiry).map((t) => t.id));
  engine.onSweep(() =>
    expireHolds(store, {
      writer: engine.writer,
      warnBeforeMs: config.holds.warn_before_ms,
      autoVoid: (terminalId) => autoVoid.has(terminalId),
      requestVoid: (transactionId) => {
        try {
          intake.requestFollowUp(transactionId, 'void', undefined, `expiry-void-${transactionId}`, {
            requestedBy: DAEMON_ACTOR,
          });
        } catch (err) {
          opts.log.warn({ err, transaction: transactionId }, 'could not void an expired hold');
        }
      },
    }),
  );
  const orphanPolicy = new Map(config.terminals.map((t) => [t.id, t.orphan_holds ?? 'alert']));
  engine.onSweep(() =>
    raiseOrphanHolds(store, {
      afterMs: config.holds.orphan_after_ms,
      policyFor: (terminalId) => orphanPolicy.get(terminalId) ?? 'alert',
      requestVoid: (transactionId) => {
        try {
          intake.requestFollowUp(transactionId, 'void', undefined, `orphan-void-${transactionId}`, {
            requestedBy: DAEMON_ACTOR,
          });
        } catch (err) {
          opts.log.warn({ err, transaction: transactionId }, 'could not void an orphan hold');
        }
      },
    }),
  );
  let accepting = true;
  const shutdown = new AbortController();
  const sse = new SseHub(store, config.event_stream, opts.log);
  let app: FastifyInstance | undefined;
  const archiveDir = archiveDirOf(config, opts.dataDir);
  const ctx = {
    archives: new ArchiveLookup(store.archives, archiveDir),
    secrets,
    store,
    engine,
    intake,
    breakers,
    remoteTerminals: new RemoteTerminals(clock),
    config,
    version: packageVersion(),
    paths: { dataDir: opts.dataDir, logFile: opts.logFile ?? null },
    log: opts.log,
    sse,
    serialPorts: opts.serialPorts ?? (() => listSerialPorts()),
    accepting: () => accepting,
    shutdown: shutdown.signal,
  };
  let boundPort = opts.port;
  const connections = connectionLimits(config.connections, openFileLimit());
  app = await buildServer(ctx, () => boundPort, connections);
  let bound;
  try {
    bound = await listenLoopback(app, opts.port, opts.log);
  } catch (err) {
    await app.close();
    store.close();
    await sandboxes?.close();
    throw err;
  }
  boundPort = bound.port;
  engine.start();
  // The HTTP client is not loaded to start (http-executor.ts); loading it a little later, in the
  // background, keeps start-up short without making the first payment of the day wait for it.
  const warmHttp = setTimeout(() => void preloadHttpClient(), HTTP_CLIENT_AFTER_START_MS);
  warmHttp.unref();
  const integrity = scheduleIntegrityChecks({
    file: join(opts.dataDir, DATABASE_FILE),
    log: store.integrity,
    clock,
    logger: opts.log,
    schedule: {
      intervalMs: config.database.integrity_check.interval_hours * 3_600_000,
      firstAfterMs: config.database.integrity_check.first_after_ms,
    },
  });
  // Retention: one run at a time, on a schedule; stop() ends a run in flight at its next step (between chunks).
  let archiving: Promise<ArchiveRunReport> | undefined;
  const archiveCrash = archiveCrashFromEnv();
  const archiveNow = () => {
    archiving ??= runArchive(store, {
      dir: archiveDir,
      hotMonths: config.retention.hot_months,
      compactAfterMs: config.retention.compact_after_ms,
      maxPerPart: config.retention.max_per_part,
      chunk: config.retention.chunk_transactions,
      signal: shutdown.signal,
      ...(archiveCrash ? { crash: archiveCrash } : {}),
    })
      .then((report) => {
        if (report.parts.length || report.discarded.length)
          opts.log.info({ ...report, parts: report.parts.map((p) => p.file) }, 'archive run');
        return report;
      })
      .finally(() => {
        archiving = undefined;
      });
    return archiving;
  };
  const scheduled = () => {
    archiveNow().catch((err: unknown) => opts.log.error({ err }, 'the archive run failed; nothing was deleted'));
  };
  let archiveTimer: NodeJS.Timeout = setTimeout(function tick() {
    scheduled();
    archiveTimer = setTimeout(tick, config.retention.archive_every_ms);
    archiveTimer.unref();
  }, config.retention.archive_first_after_ms);
  archiveTimer.unref();
  if (channels.zvt && config.providers.zvt) channels.zvt.start(opts.log, config.providers.zvt.status_poll_ms);
  if (sandboxes && sandboxKit) {
    const { SANDBOX_TERMINALS } = sandboxKit;
    // A new Lab4Pay sandbox knows nothing of the last run's credentials: pair again with the one-time
    // password its terminal shows, as a technician would. Sandboxes that were reused keep the pairing.
    // Best effort: if the sandbox cannot be reached now, the sweep tries again; the daemon starts anyway.
    let paired = sandboxes.reused && engine.credentials(SANDBOX_TERMINALS.lab4pay) !== undefined;
    let lastTry = 0;
    const pairSandbox = async () => {
      if (paired || clock.now() - lastTry < 5_000) return;
      lastTry = clock.now();
      try {
        await pairTerminal(store, engine, secrets, SANDBOX_TERMINALS.lab4pay, await sandboxes.lab4payOtp());
        paired = true;
      } catch (err) {
        opts.log.warn({ err }, 'could not pair the Lab4Pay sandbox terminal yet');
      }
    };
    await pairSandbox();
    engine.onSweep(() => {
      void pairSandbox();
    });
  }
  const apiKey = sandboxes ? sandboxKey(store, opts.dataDir) : undefined;
  // The tray app's way in. Without it the daemon still serves the POS, so a failure is logged, not fatal.
  let control: ControlServer | undefined;
  try {
    // Only who can read the data directory can read the token: the socket or pipe alone admits nobody.
    const token = issueControlToken(opts.dataDir);
    control = await serveControl(controlPath(opts.dataDir), {
      token,
      handle: controlHandler({
        ctx,
        port: boundPort,
        dataDir: opts.dataDir,
        shutdown: () => {
          if (opts.onShutdownRequest) opts.onShutdownRequest();
          else void stop();
        },
      }),
      onRefused: (reason) => opts.log.debug({ reason }, 'closed a control connection'),
    });
  } catch (err) {
    opts.log.warn(
      { err, path: controlPath(opts.dataDir) },
      'the control channel could not be opened; the tray app cannot reach this daemon',
    );
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      accepting = false;
      shutdown.abort();
      integrity.stop();
      clearTimeout(archiveTimer);
      clearTimeout(warmHttp);
      await archiving?.catch(() => undefined);
      await control?.close();
      store.write((w) => {
        w.emit({ type: 'daemon.stopping', data: { pid: process.pid } });
      });
      sse.closeAll();
      // The ::1 listener stops accepting now; its open connections belong to the HTTP server, which closes them.
      const v6Closed = bound.close();
      await app?.close();
      await v6Closed;
      await engine.stop(opts.shutdownGraceMs ?? 10_000);
      for (const channel of channels.byProvider.values()) await channel.close?.();
      store.close();
      await sandboxes?.close();
    })();
    return stopping;
  };
  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    store,
    sandboxes,
    sandboxApiKey: apiKey,
    controlPath: control?.path,
    connections,
    integrity,
    schemas: pendingSchemasOf(app),
    archiveNow,
    stop,
  };
}
