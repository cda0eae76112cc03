// A database of a busy store's years: N finished transactions (default 1 M) across many terminals and
// three years, each with the operations, attempts and events a real run writes (see db-template.ts).
// Built through the project's migrations (openStore), cached under test-output/bench/ by schema version,
// generator version and size, so only the first bench run after a change pays for it.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomIds, systemClock } from '../../../bridge/core/clock.js';
import { openStore } from '../../../bridge/store/store.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { recordTemplates, type Row, type TxTemplate } from './db-template.js';

/** Bump when what the generator writes changes: the cached database is then built again. */
export const GENERATOR_VERSION = 2;
export const TERMINALS = 24;
const YEARS = 3;
const BATCH = 10_000;
/** Of every 50 transactions: 41 captured, 6 voided, 3 adjusted then captured. */
const MIX = [...Array<number>(41).fill(0), ...Array<number>(6).fill(1), ...Array<number>(3).fill(2)];

export interface BenchDb {
  readonly file: string;
  readonly apiKey: string;
  readonly transactions: number;
  readonly terminalIds: readonly string[];
  /** A reference that exists (in the middle of history), and the terminal it belongs to. */
  readonly probe: { readonly reference: string; readonly terminalId: string };
  /** Seconds the generation took, when it ran now (undefined when the cached file was used). */
  readonly generatedInS?: number;
  /** How long the cached file took to generate, when it was made. */
  readonly cachedGenerationS?: number | undefined;
}

/** The repository: the nearest folder with a package.json (this file also runs compiled, from dist-bench/). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export function terminalId(i: number): string {
  return `bench-payroc-${String(i + 1).padStart(2, '0')}`;
}

export function referenceOf(i: number): string {
  return `folio-${i.toString(36).padStart(6, '0')}`;
}

function pad(i: number, width: number): string {
  return i.toString(36).padStart(width, '0');
}

/** The cached database for `count` transactions, generated first if missing or outdated. */
export async function benchDatabase(
  count = Number(process.env.BENCH_TX ?? 1_000_000),
  schema = Number(process.env.BENCH_DB_SCHEMA ?? MIGRATIONS.length),
): Promise<BenchDb> {
  const dir = join(ROOT, 'test-output', 'bench');
  const file = join(dir, `db-${count}-s${schema}-g${GENERATOR_VERSION}.sqlite`);
  const meta = `${file}.json`;
  const mid = Math.floor(count / 2);
  const terminalIds = Array.from({ length: TERMINALS }, (_, i) => terminalId(i));
  const probe = { reference: referenceOf(mid), terminalId: terminalId(mid % TERMINALS) };
  if (existsSync(file) && existsSync(meta)) {
    const { apiKey, generatedInS } = JSON.parse(readFileSync(meta, 'utf8')) as {
      apiKey: string;
      generatedInS?: number;
    };
    return { file, apiKey, transactions: count, terminalIds, probe, cachedGenerationS: generatedInS };
  }
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const templates = await recordTemplates();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  if (schema !== MIGRATIONS.length) throw new Error(`no cached database of schema ${schema} at ${file}`);
  const apiKey = generate(partial, count, templates);
  renameSync(partial, file);
  const generatedInS = (performance.now() - started) / 1000;
  writeFileSync(meta, JSON.stringify({ apiKey, count, schema, generator: GENERATOR_VERSION, generatedInS }));
  return { file, apiKey, transactions: count, terminalIds, probe, generatedInS };
}

/** Copies the cached database into a data directory, so a run never changes the cache. */
export function copyInto(db: BenchDb, dataDir: string, name = 'posbridge.sqlite'): string {
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, name);
  copyFileSync(db.file, target);
  return target;
}

export function databaseBytes(file: string): number {
  return ['', '-wal'].reduce((n, side) => n + (existsSync(file + side) ? statSync(file + side).size : 0), 0);
}

const TIME_COLUMNS = new Set([
  'created_at',
  'updated_at',
  'finished_at',
  'started_at',
  'applied_at',
  'pos_told_at',
  'expires_at',
  'compacted_at',
]);
const MS_COLUMNS = new Set(['next_attempt_at']);
const SKIP = { operations: 'seq', attempts: 'id', events: 'seq' } as const;

interface Prepared {
  readonly tpl: TxTemplate;
  readonly base: number;
  readonly tokens: string[];
}

/** Writes the file and returns the API key it holds. Exported for the generator's own test. */
export function generate(file: string, count: number, templates: TxTemplate[]): string {
  mkdirSync(dirname(file), { recursive: true });
  const store = openStore(file, systemClock, randomIds);
  const db = store.db;
  try {
    // Bulk load: nothing here needs to survive a power cut; the daemon opens it in WAL with synchronous=FULL.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const at = new Date().toISOString();
    const apiKey = store.write((w) => {
      for (let i = 0; i < TERMINALS; i++) {
        store.terminals.upsert(
          {
            id: terminalId(i),
            provider: 'payroc',
            name: `Till ${i + 1}`,
            currency: 'USD',
            settings: { processing_terminal_id: '1234001' },
          },
          w.at,
        );
      }
      return store.apiKeys.create('bench', w.at).key;
    });
    const prepared = templates.map(prepare);
    const insert = {
      transactions: statement(db, 'transactions', templates[0]!.transaction),
      operations: statement(db, 'operations', templates[0]!.operations[0]!),
      attempts: statement(db, 'attempts', templates[0]!.attempts[0]!),
      events: statement(db, 'events', templates[0]!.events[0]!),
    };
    const end = Date.parse(at) - 86_400_000;
    const step = (YEARS * 365 * 86_400_000) / count;
    const writeBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const p = prepared[MIX[i % MIX.length]!]!;
        const values = [
          `pa${pad(i, 20)}`,
          ...p.tpl.operations.map((_, k) => `op${pad(i, 18)}k${k}`),
          ...p.tpl.operations.map((_, k) => `00000000-0000-4000-8${k}00-${pad(i, 12)}`),
          referenceOf(i),
          terminalId(i % TERMINALS),
          `PR${pad(i, 8).toUpperCase()}`,
        ];
        const shift = end - (count - i) * step - p.base;
        const clone = (row: Row, skip?: string) => rewrite(row, p.tokens, values, shift, skip);
        insert.transactions.run(clone(p.tpl.transaction));
        for (const r of p.tpl.operations) insert.operations.run(clone(r, SKIP.operations));
        for (const r of p.tpl.attempts) insert.attempts.run(clone(r, SKIP.attempts));
        for (const r of p.tpl.events) insert.events.run(clone(r, SKIP.events));
      }
    });
    for (let from = 0; from < count; from += BATCH) writeBatch(from, Math.min(count, from + BATCH));
    db.pragma('journal_mode = WAL');
    return apiKey;
  } finally {
    store.close();
  }
}

/** The strings of a template that name this transaction, in the order `values` replaces them. */
function prepare(tpl: TxTemplate): Prepared {
  const tx = tpl.transaction;
  const tokens = [
    tx.id as string,
    ...tpl.operations.map((o) => o.id as string),
    ...tpl.operations.map((o) => o.idempotency_key as string),
    tx.reference as string,
    tx.terminal_id as string,
    tx.provider_ref as string,
  ];
  return { tpl, base: Date.parse(tx.created_at as string), tokens };
}

function rewrite(row: Row, tokens: string[], values: string[], shift: number, skip?: string): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (column === skip) continue;
    if (typeof value === 'string') {
      if (TIME_COLUMNS.has(column)) {
        out[column] = new Date(Date.parse(value) + shift).toISOString();
        continue;
      }
      let v = value;
      for (let t = 0; t < tokens.length; t++) if (v.includes(tokens[t]!)) v = v.replaceAll(tokens[t]!, values[t]!);
      out[column] = v;
    } else if (typeof value === 'number' && MS_COLUMNS.has(column)) out[column] = Math.round(value + shift);
    else out[column] = value;
  }
  return out;
}

function statement(db: import('../../../native/sqlite.js').SqliteDb, table: string, sample: Row) {
  const skip = (SKIP as Record<string, string>)[table];
  const columns = Object.keys(sample).filter((c) => c !== skip);
  return db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
}
