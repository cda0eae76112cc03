// Start-up and API reads at 1 M finished transactions (issue 14, rows 5–7): `posbridge start` as a child
// on a copy of the generated database (db-generator.ts), time to the first 200 from /v1/health, then the
// reads a POS and the status window make, and what one finished transaction costs on disk.
// SCALE_BIN runs another build's bin/posbridge.js (the "before" figures of main); BENCH_DB_SCHEMA picks a
// cached database of an older schema for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../native/sqlite.js';
import { benchDatabase, copyInto, databaseBytes, ROOT, type BenchDb } from '../db-generator.js';
import type { BenchRow, Measure } from '../measure.js';

const STARTS = Number(process.env.SCALE_STARTS ?? 5);
const READS = Number(process.env.SCALE_READS ?? 200);
const GROUP = 'scale (1 M transactions)';

function config(db: BenchDb) {
  return {
    log_level: 'warn',
    // Nothing listens there: start-up and reads never call the provider.
    providers: {
      payroc: { api_url: 'http://127.0.0.1:9/v1', identity_url: 'http://127.0.0.1:9/authorize', api_key: 'x' },
    },
    terminals: db.terminalIds.map((id) => ({
      id,
      provider: 'payroc',
      currency: 'USD',
      processing_terminal_id: '1234001',
    })),
  };
}

interface Started {
  readonly url: string;
  readonly ms: number;
  stop(): Promise<void>;
}

/** Spawns `posbridge start` and resolves once /v1/health answers 200; `ms` is spawn → that 200. */
async function start(bin: string, dataDir: string, configFile: string): Promise<Started> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [bin, 'start', '--data-dir', dataDir, '--port', '0', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${out}`)), 120_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  for (;;) {
    const r = await fetch(`${url}/v1/health`).catch(() => undefined);
    if (r?.status === 200) {
      await r.arrayBuffer();
      break;
    }
    await new Promise((res) => setTimeout(res, 2));
  }
  const ms = performance.now() - t0;
  return {
    url,
    ms,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function timeReads(url: string, key: string, path: string): Promise<{ p50: number; p99: number }> {
  const headers = { authorization: `Bearer ${key}` };
  const once = async () => {
    const t = performance.now();
    const r = await fetch(`${url}${path}`, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < READS; i++) times.push(await once());
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

export const measure: Measure = async () => {
  const db = await benchDatabase();
  const bin = process.env.SCALE_BIN ?? join(ROOT, 'bin', 'posbridge.js');
  const dir = mkdtempSync(join(tmpdir(), 'posbridge-scale-'));
  const rows: BenchRow[] = [];
  try {
    const file = copyInto(db, join(dir, 'data'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(config(db)));
    const million = db.transactions / 1_000_000;
    // The first start on this copy may migrate (an older schema's cache) and reads a cold copy.
    const starts: number[] = [];
    let first = 0;
    for (let i = 0; i < STARTS; i++) {
      const s = await start(bin, join(dir, 'data'), configFile);
      if (i === 0) first = s.ms;
      else starts.push(s.ms);
      if (i < STARTS - 1) await s.stop();
      else {
        const reads: Array<[string, string]> = [
          [
            'GET /v1/preauths?reference= (with terminal_id)',
            `/v1/preauths?terminal_id=${db.probe.terminalId}&reference=${db.probe.reference}`,
          ],
          ['GET /v1/preauths?reference= (without terminal_id)', `/v1/preauths?reference=${db.probe.reference}`],
          ['GET /v1/status', '/v1/status'],
          ['GET /v1/terminals', '/v1/terminals'],
          ['GET /v1/health', '/v1/health'],
        ];
        for (const [name, path] of reads) {
          const t = await timeReads(s.url, db.apiKey, path);
          rows.push({
            group: GROUP,
            name: `${name} p50`,
            value: round(t.p50),
            unit: 'ms',
            goal: { op: '<=', value: 5 },
            note: `p99 ${round(t.p99)} ms, ${READS} sequential reads`,
          });
        }
        await s.stop();
      }
    }
    rows.unshift(
      {
        group: GROUP,
        name: 'start → health 200 (median of later starts)',
        value: Math.round(median(starts)),
        unit: 'ms',
        goal: { op: '<=', value: 400 },
        note: `${db.transactions} transactions, ${(databaseBytes(db.file) / 1e9).toFixed(1)} GB; runs ${starts.map(Math.round).join(', ')} ms`,
      },
      { group: GROUP, name: 'first start on the copy (migrations, cold file)', value: Math.round(first), unit: 'ms' },
    );
    const ro = openDatabase(file, { readonly: true });
    const events = (ro.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'events'`).get() as { seq: number }).seq;
    ro.close();
    rows.push(
      {
        group: GROUP,
        name: 'storage per finished transaction',
        value: Math.round(databaseBytes(db.file) / db.transactions),
        unit: 'B',
        goal: { op: '<=', value: 2048 },
        note: `${million.toFixed(1)} M transactions`,
      },
      { group: GROUP, name: 'events per transaction', value: round(events / db.transactions), unit: 'events' },
    );
    if (db.generatedInS !== undefined || db.cachedGenerationS !== undefined)
      rows.push({
        group: GROUP,
        name: 'generating the database (cached between runs)',
        value: Math.round(db.generatedInS ?? db.cachedGenerationS ?? 0),
        unit: 's',
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
