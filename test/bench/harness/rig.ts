// The bench rig: a Payroc sandbox as its own process, and the daemon as a real child (`posbridge start`
// with a config naming that sandbox — not `--sandbox`, whose in-process sandboxes would share the
// daemon's event loop and heap). The POS side is an undici keep-alive client, as a POS integration would
// hold its connection open. BENCH_CPU_PROF=DIR writes the daemon's CPU profile there when it stops.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { SANDBOX_PAYROC_API_KEY } from '../../../bridge/sandbox/payroc/server.js';
import { runCli, startChild, startCommand, type DaemonChild } from '../../helpers/child.js';
import { tempDir } from '../../helpers/tmp.js';

export const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035 };

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** A keep-alive client to one origin, `connections` sockets at most. */
export class PosClient {
  private readonly pool: Pool;

  constructor(
    origin: string,
    private readonly headers: Record<string, string>,
    connections = 1,
  ) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.pool.request({
      method,
      path,
      headers: {
        ...this.headers,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined } satisfies Answer;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface Rig {
  readonly daemon: DaemonChild;
  readonly daemonUrl: string;
  readonly sandboxUrl: string;
  readonly apiKey: string;
  readonly terminals: readonly string[];
  /** The daemon's resident set, from /proc/<pid>/status VmRSS, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

export interface RigOptions {
  /** How many Payroc terminals (lanes) the daemon has: `bench-1` … `bench-N`. */
  readonly terminals?: number;
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const tmp = tempDir('posbridge-bench-');
  const sandbox = await startCommand(['sandbox', 'payroc', '--port', '0']);
  const terminals = Array.from({ length: opts.terminals ?? 1 }, (_, i) => `bench-${i + 1}`);
  const configFile = join(tmp.dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      providers: {
        payroc: {
          api_url: `${sandbox.url}/v1`,
          identity_url: `${sandbox.url}/authorize`,
          api_key: SANDBOX_PAYROC_API_KEY,
        },
      },
      terminals: terminals.map((id, i) => ({
        id,
        provider: 'payroc',
        processing_terminal_id: `${1234001 + i}`,
        channel: 'moto',
      })),
    }),
  );
  const created = runCli(['keys', 'create', '--name', 'bench', '--data-dir', tmp.dir]);
  if (created.status !== 0) throw new Error(`keys create failed: ${created.stderr}`);
  const profDir = process.env.BENCH_CPU_PROF;
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const daemon = await startChild(['--data-dir', tmp.dir, '--port', '0', '--config', configFile], {}, { nodeArgs });
  const pid = daemon.proc.pid!;
  return {
    daemon,
    daemonUrl: daemon.url,
    sandboxUrl: sandbox.url,
    apiKey: created.stdout.trim(),
    terminals,
    rssMb: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    stop: async () => {
      daemon.proc.kill('SIGTERM');
      await daemon.exited;
      sandbox.proc.kill('SIGTERM');
      await sandbox.exited;
      tmp.cleanup();
    },
  };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `count` calls of `task(i)` with at most `concurrency` in flight. */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Waits until the daemon's queue is empty (GET /v1/status `queued`), polling every `everyMs`. */
export async function drained(client: PosClient, everyMs = 20, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await client.request('GET', '/v1/status');
    if ((s.body as { queued: number }).queued === 0) return;
    if (Date.now() > until) throw new Error('the queue did not drain');
    await pause(everyMs);
  }
}
