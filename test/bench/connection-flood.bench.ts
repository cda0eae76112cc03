// How fast GET /v1/health answers while a local flood holds the API's port: `posbridge start --sandbox`
// under `ulimit -n 1024`, as shipped (default connection limits), and four times as many idle TCP
// connections as it has descriptors, opened before the first health check and held throughout. Each
// check comes on a new connection, as a POS or the tray would make it. Prints what became of the flood.
// FD_LIMIT=… FLOOD=… change the sizes.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { startChild, type DaemonChild } from '../helpers/child.js';
import { rawRequest, wire } from '../helpers/raw-http.js';
import { tempDir } from '../helpers/tmp.js';

const FD_LIMIT = Number(process.env.FD_LIMIT ?? 1024);
const FLOOD = Number(process.env.FLOOD ?? 4 * FD_LIMIT);

const ITERATIONS = 50;

interface Flooded {
  readonly child: DaemonChild;
  readonly dataDir: string;
  closed(): number;
}

let flooded: Promise<Flooded> | undefined;

/** The daemon and its flood, once for the whole benchmark (bench mode runs no beforeAll/afterAll). */
function flood(): Promise<Flooded> {
  flooded ??= (async () => {
    const tmp = tempDir();
    const child = await startChild(['--sandbox', '--port', '0', '--data-dir', tmp.dir], {}, { fdLimit: FD_LIMIT });
    process.once('exit', () => {
      child.proc.kill('SIGKILL');
      tmp.cleanup();
    });
    const { hostname, port } = new URL(child.url);
    let closed = 0;
    await Promise.all(
      Array.from(
        { length: FLOOD },
        () =>
          new Promise<void>((resolve) => {
            const socket: Socket = connect(Number(port), hostname);
            socket.on('error', () => resolve());
            socket.once('connect', () => resolve());
            socket.once('close', () => {
              closed++;
            });
          }),
      ),
    );
    return { child, dataDir: tmp.dir, closed: () => closed };
  })();
  return flooded;
}

function report(f: Flooded, answered: number): void {
  const limits = /connections: .*/.exec(f.child.output())?.[0] ?? '';
  const log = readFileSync(join(f.dataDir, 'logs', 'posbridge.log'), 'utf8')
    .split('\n')
    .find((l) => l.includes('at the connection cap'));
  process.stdout.write(
    `\n${FLOOD} idle connections opened under ulimit -n ${FD_LIMIT}; the daemon said "${limits}"; ` +
      `${f.closed()} closed by the daemon so far; ${answered} health checks answered 200; first cap report: ${log}\n`,
  );
}

describe(`health through ${FLOOD} idle connections, ulimit -n ${FD_LIMIT}`, () => {
  let answered = 0;
  bench(
    'GET /v1/health on a new connection, 200',
    async () => {
      const f = await flood();
      const r = await rawRequest(f.child.url, wire('GET', '/v1/health', { host: new URL(f.child.url).host }), 20_000);
      if (r.status !== 200) throw new Error(`health answered ${r.status}`);
      if (++answered === ITERATIONS) report(f, answered);
    },
    {
      iterations: ITERATIONS,
      warmupIterations: 0,
      warmupTime: 0,
      time: 0,
      setup: async () => {
        await flood();
      },
    },
  );
});
