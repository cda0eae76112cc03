// `npm run bench`: runs every module in measures/ one after another (each exports `measure`), prints one
// table with the machine it ran on, and writes it as test-output/bench/latest.json. BENCH_ONLY=a,b runs
// only the named modules.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, machineLine } from './machine.js';
import type { BenchRow, Measure } from './measure.js';
import { formatMarkdown, formatTable, metOf } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);

function modules(): string[] {
  const dir = join(here, 'measures');
  return readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .filter((f) => !only || only.includes(f.replace(/\.(js|ts)$/, '')))
    .sort()
    .map((f) => join(dir, f));
}

async function main(): Promise<void> {
  const before = machine();
  process.stderr.write(`bench on ${machineLine(before)}\n`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const file of modules()) {
    const name = file.replace(/^.*[\\/]/, '').replace(/\.(js|ts)$/, '');
    const started = Date.now();
    process.stderr.write(`measuring ${name}…\n`);
    try {
      const mod = (await import(pathToFileURL(file).href)) as { measure?: Measure };
      if (typeof mod.measure !== 'function') throw new Error('exports no `measure`');
      rows.push(...(await mod.measure()));
    } catch (err) {
      failures.push(`${name}: ${(err as Error).stack ?? String(err)}`);
    }
    process.stderr.write(`  ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const after = machine();
  process.stdout.write(`\n${formatTable(rows)}\n\nmachine: ${machineLine(after)}\n`);
  const out = resolve(process.env.BENCH_OUT_DIR ?? 'test-output/bench');
  mkdirSync(out, { recursive: true });
  const json = {
    at: new Date().toISOString(),
    command: 'npm run bench',
    machine: { atStart: before, atEnd: after },
    rows: rows.map((r) => ({ ...r, met: metOf(r) || undefined })),
    failures,
  };
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(out, 'latest.md'), `${formatMarkdown(rows)}\n\nMachine: ${machineLine(after)}\n`);
  process.stdout.write(`written: ${join(out, 'latest.json')}\n`);
  if (failures.length) {
    process.stderr.write(`\n${failures.length} measure(s) failed:\n${failures.join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();
