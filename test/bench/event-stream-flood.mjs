// Measures what clients of GET /v1/events that never read cost the daemon: its resident memory and how
// long GET /v1/health takes meanwhile. A script, not a test (figures, no assertions); it runs the built
// daemon (dist/) as a child, so build first: npx tsc -p tsconfig.build.json
//
//   node test/bench/event-stream-flood.mjs [--events 140000] [--clients 10] [--seconds 30]
//
// It seeds the event log through the store (one write transaction), starts `posbridge start --sandbox`
// on it, opens the clients on raw sockets paused before they connect (they ask for ?since=0: the whole
// log), and for --seconds asks /v1/health one request after another while it samples the daemon's RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { openStore } = await import(join(root, 'dist/bridge/store/store.js'));
const { systemClock, randomIds } = await import(join(root, 'dist/bridge/core/clock.js'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 140_000);
const CLIENTS = arg('clients', 10);
const SECONDS = arg('seconds', 30);

const mb = (kb) => `${Math.round(kb / 1024)} MB`;
const status = (pid, field) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

const dir = mkdtempSync(join(tmpdir(), 'posbridge-flood-'));
try {
  // Events shaped like the daemon's own (a state change of a transaction), about 300 bytes on the wire.
  const store = openStore(join(dir, 'posbridge.sqlite'), systemClock, randomIds);
  store.write((w) => {
    for (let n = 0; n < EVENTS; n++) {
      w.emit({
        type: 'transaction.state_changed',
        transactionId: `tx_${String(n).padStart(20, '0')}`,
        operationId: `op_${String(n).padStart(20, '0')}`,
        terminalId: 'sandbox-payroc',
        data: { from: 'pending', to: 'in_progress' },
      });
    }
  });
  store.close();

  const child = spawn(
    process.execPath,
    [join(root, 'bin/posbridge.js'), 'start', '--sandbox', '--port', '0', '--data-dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not start:\n${output}`)), 30_000);
    const onData = (c) => {
      output += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const key = readFileSync(join(dir, 'sandbox-api-key'), 'utf8').trim();
  const { port } = new URL(url);

  const health = async () => {
    const start = performance.now();
    const res = await fetch(`${url}/v1/health`);
    await res.arrayBuffer();
    return performance.now() - start;
  };
  for (let i = 0; i < 5; i++) await health();
  const baseline = status(child.pid, 'VmRSS');

  const sockets = [];
  for (let i = 0; i < CLIENTS; i++) {
    const s = connect(Number(port), '127.0.0.1');
    s.pause();
    s.on('error', () => {});
    s.write(`GET /v1/events?since=0 HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${key}\r\n\r\n`);
    sockets.push(s);
  }

  const latencies = [];
  const end = performance.now() + SECONDS * 1000;
  // Sampled while the clients are connected (VmHWM would include the start-up's own peak).
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, status(child.pid, 'VmRSS'));
  }, 100);
  while (performance.now() < end) latencies.push(await health());
  clearInterval(sampler);
  const hwm = status(child.pid, 'VmHWM');
  const after = status(child.pid, 'VmRSS');

  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  const drops = (output.match(/event stream closed/g) ?? []).length;
  console.log(
    JSON.stringify(
      {
        events: EVENTS,
        clients: CLIENTS,
        seconds: SECONDS,
        rss_before: mb(baseline),
        rss_peak: mb(peak),
        rss_at_end: mb(after),
        rss_peak_since_start: mb(hwm),
        health_requests: latencies.length,
        health_ms_median: at(0.5),
        health_ms_p99: at(0.99),
        health_ms_max: latencies.at(-1).toFixed(1),
        streams_dropped: drops,
      },
      null,
      2,
    ),
  );

  for (const s of sockets) s.destroy();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
