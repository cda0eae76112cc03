// The hot path as a POS feels it: the bridge's cost on a synchronous preauth next to a direct call to the
// same sandbox, durable intake under concurrency, one lane's drain rate, and the daemon's resident memory.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SANDBOX_PAYROC_API_KEY } from '../../../bridge/sandbox/payroc/server.js';
import type { BenchRow } from './measure.js';
import { CARD, drained, inParallel, pause, PosClient, type Rig } from './rig.js';
import { percentile, round } from './stats.js';

const ASYNC = { prefer: 'respond-async' };

async function timed(call: () => Promise<{ status: number }>, expect: number[]): Promise<number> {
  const t = performance.now();
  const r = await call();
  const ms = performance.now() - t;
  if (!expect.includes(r.status)) throw new Error(`unexpected HTTP ${r.status}`);
  return ms;
}

/** What a POS integrating Payroc itself would send: the same body the bridge's connector builds. */
async function directPayroc(sandboxUrl: string): Promise<{ client: PosClient; preauth(): Promise<number> }> {
  const auth = new PosClient(sandboxUrl, { 'x-api-key': SANDBOX_PAYROC_API_KEY });
  const token = ((await auth.request('POST', '/authorize')).body as { access_token: string }).access_token;
  await auth.close();
  const client = new PosClient(sandboxUrl, { authorization: `Bearer ${token}`, accept: 'application/json' });
  let n = 0;
  const preauth = () =>
    timed(
      () =>
        client.request(
          'POST',
          '/v1/payments',
          {
            channel: 'moto',
            processingTerminalId: '1234001',
            order: { orderId: `direct-${process.pid}-${n++}`, amount: 1000, currency: 'USD' },
            paymentMethod: {
              type: 'card',
              cardDetails: {
                entryMethod: 'keyed',
                keyedData: { dataFormat: 'plainText', cardNumber: CARD.number, expiryDate: '1235' },
              },
            },
            autoCapture: false,
            processAsSale: false,
          },
          { 'idempotency-key': randomUUID() },
        ),
      [201],
    );
  return { client, preauth };
}

let refs = 0;
const preauthBody = (terminal: string) => ({
  terminal_id: terminal,
  amount: 1000,
  currency: 'USD',
  reference: `bench-${process.pid}-${refs++}`,
  card: CARD,
});

/** (a) POS → bridge → sandbox vs POS → sandbox, interleaved (the order alternating), `n` of each. */
export async function bridgeOverhead(rig: Rig, pos: PosClient, n: number): Promise<BenchRow[]> {
  const direct = await directPayroc(rig.sandboxUrl);
  const viaBridge = () => timed(() => pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[0]!)), [201]);
  for (let i = 0; i < 30; i++) {
    await direct.preauth();
    await viaBridge();
  }
  const d: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      d.push(await direct.preauth());
      b.push(await viaBridge());
    } else {
      b.push(await viaBridge());
      d.push(await direct.preauth());
    }
  }
  await direct.client.close();
  const [d50, d99, b50, b99] = [percentile(d, 50), percentile(d, 99), percentile(b, 50), percentile(b, 99)];
  const g = 'sync preauth (Payroc)';
  const note = `${n} of each, interleaved; bridge = a child daemon, sandbox its own process, keep-alive undici clients`;
  return [
    { group: g, name: 'direct p50', value: round(d50), unit: 'ms' },
    { group: g, name: 'direct p99', value: round(d99), unit: 'ms' },
    { group: g, name: 'via bridge p50', value: round(b50), unit: 'ms', note },
    { group: g, name: 'via bridge p99', value: round(b99), unit: 'ms' },
    { group: g, name: 'ratio at p50', value: round(b50 / d50), unit: '×' },
    { group: g, name: 'added at p50', value: round(b50 - d50), unit: 'ms', goal: { op: '<=', value: 1 } },
    {
      group: g,
      name: 'bridge p99 above direct p50',
      value: round(b99 - d50),
      unit: 'ms',
      goal: { op: '<=', value: 5 },
    },
  ];
}

/** (b) `Prefer: respond-async` preauths from `clients` concurrent POS connections; ids of what was taken. */
export async function intake(rig: Rig, clients: number, count: number): Promise<{ rows: BenchRow[]; ids: string[] }> {
  const pos = new PosClient(rig.daemonUrl, { authorization: `Bearer ${rig.apiKey}` }, clients);
  const ids: string[] = [];
  const ms: number[] = [];
  // Warm the connections up, then wait for their preauths to leave the queue.
  await inParallel(clients, clients, async () => {
    await pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[0]!), ASYNC);
  });
  await drained(pos);
  const started = performance.now();
  await inParallel(count, clients, async () => {
    const t = performance.now();
    const r = await pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[0]!), ASYNC);
    ms.push(performance.now() - t);
    if (r.status !== 202) throw new Error(`intake answered ${r.status}`);
    ids.push((r.body as { id: string }).id);
  });
  const seconds = (performance.now() - started) / 1000;
  await drained(pos);
  await pos.close();
  const g = `async intake, ${clients} client${clients === 1 ? '' : 's'}`;
  const at50 = clients === 50;
  return {
    ids,
    rows: [
      {
        group: g,
        name: 'rate',
        value: Math.round(count / seconds),
        unit: '/s',
        ...(at50 ? { goal: { op: '>=' as const, value: 2000 } } : {}),
      },
      { group: g, name: 'p50', value: round(percentile(ms, 50)), unit: 'ms' },
      {
        group: g,
        name: 'p99',
        value: round(percentile(ms, 99)),
        unit: 'ms',
        ...(at50 ? { goal: { op: '<=' as const, value: 10 } } : {}),
      },
    ],
  };
}

/**
 * (b') The same intake offered at a fixed rate (open loop): a request every 1/rate s whatever the answers
 * do, latency counted from when each was due (so a stall is not hidden by the clients waiting on it).
 * A closed loop of 50 clients cannot show "2,000/s with p99 ≤ 10 ms": by Little's law 50 requests always
 * in flight at 2,000/s average 25 ms each. An offered rate is what a chain of tills produces.
 */
export async function intakeAtRate(rig: Rig, rate: number, seconds: number): Promise<BenchRow[]> {
  const pos = new PosClient(rig.daemonUrl, { authorization: `Bearer ${rig.apiKey}` }, 256);
  await inParallel(64, 64, async () => {
    await pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[0]!), ASYNC);
  });
  await drained(pos);
  const total = Math.round(rate * seconds);
  const ms: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const dueAt = started + (sent / rate) * 1000;
        inFlight.push(
          pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[0]!), ASYNC).then(
            (r) => {
              if (r.status === 202) ms.push(performance.now() - dueAt);
              else failed++;
            },
            () => {
              failed++;
            },
          ),
        );
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  const took = (performance.now() - started) / 1000;
  await drained(pos);
  await pos.close();
  const g = `async intake offered at ${rate}/s`;
  const note = `${total} requests over ${seconds} s from up to 256 connections, one terminal; latency from when each was due`;
  return [
    { group: g, name: 'answered', value: Math.round(ms.length / took), unit: '/s', note },
    { group: g, name: 'p50', value: round(percentile(ms, 50)), unit: 'ms' },
    { group: g, name: 'p99', value: round(percentile(ms, 99)), unit: 'ms', goal: { op: '<=', value: 10 } },
    { group: g, name: 'not 202', value: failed, unit: '' },
  ];
}

/** (c) One lane capturing `ids` (authorised holds on one terminal), queued as fast as the POS can. */
export async function laneDrain(rig: Rig, ids: readonly string[]): Promise<BenchRow[]> {
  const pos = new PosClient(rig.daemonUrl, { authorization: `Bearer ${rig.apiKey}` }, 50);
  const started = performance.now();
  await inParallel(ids.length, 50, async (i) => {
    const r = await pos.request('POST', `/v1/preauths/${ids[i]}/capture`, {}, ASYNC);
    if (r.status !== 202 && r.status !== 200) throw new Error(`capture answered ${r.status}`);
  });
  const queuedAfterIntake = ((await pos.request('GET', '/v1/status')).body as { queued: number }).queued;
  await drained(pos, 5);
  const seconds = (performance.now() - started) / 1000;
  await pos.close();
  return [
    {
      group: 'one lane',
      name: `${ids.length} captures drained`,
      value: Math.round(ids.length / seconds),
      unit: '/s',
      goal: { op: '>=', value: 1000 },
      note: `from the first capture sent (Prefer: respond-async, 50 clients) to an empty queue; ${queuedAfterIntake} still queued when the last was taken`,
    },
  ];
}

/** (d) Resident memory: `flood` synchronous preauths from 50 clients over every terminal, then idle. */
export async function memory(rig: Rig, idleMb: number, flood: number, idleAfterMs: number): Promise<BenchRow[]> {
  const pos = new PosClient(rig.daemonUrl, { authorization: `Bearer ${rig.apiKey}` }, 50);
  let peak = rig.rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rig.rssMb())), 100);
  await inParallel(flood, 50, async (i) => {
    const r = await pos.request('POST', '/v1/preauths', preauthBody(rig.terminals[i % rig.terminals.length]!));
    if (r.status !== 201 && r.status !== 202) throw new Error(`flood preauth answered ${r.status}`);
  });
  await drained(pos);
  clearInterval(sampler);
  const after = rig.rssMb();
  await pos.close();
  await pause(idleAfterMs);
  const idleAgain = rig.rssMb();
  const g = 'daemon RSS';
  return [
    {
      group: g,
      name: 'idle after start',
      value: round(idleMb, 1),
      unit: 'MB',
      goal: { op: '<=', value: 70 },
      note: 'a daemon without --sandbox (the sandbox is its own process): /proc/<pid>/status VmRSS',
    },
    { group: g, name: `peak during ${flood} preauths`, value: round(peak, 1), unit: 'MB' },
    { group: g, name: `after ${flood} preauths`, value: round(after, 1), unit: 'MB', goal: { op: '<=', value: 120 } },
    {
      group: g,
      name: `idle ${idleAfterMs / 1000} s later`,
      value: round(idleAgain, 1),
      unit: 'MB',
      goal: { op: '<=', value: 70 },
    },
  ];
}
