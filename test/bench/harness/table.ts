// The harness's one table: a goal per row where there is one, and whether it was met. Pure.
import type { BenchRow } from './measure.js';

export type Met = 'yes' | 'NO' | '';

export function metOf(row: BenchRow): Met {
  if (!row.goal) return '';
  if (!Number.isFinite(row.value)) return 'NO';
  return (row.goal.op === '<=' ? row.value <= row.goal.value : row.value >= row.goal.value) ? 'yes' : 'NO';
}

export function goalText(row: BenchRow): string {
  return row.goal ? `${row.goal.op} ${row.goal.value}` : '';
}

/** Plain-text columns: group, name, value, unit, goal, met. Notes follow the table, numbered. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['group', 'name', 'value', 'unit', 'goal', 'met'];
  const notes: string[] = [];
  const body = rows.map((r) => {
    let name = r.name;
    if (r.note) {
      notes.push(r.note);
      name = `${name} [${notes.length}]`;
    }
    return [r.group, name, String(r.value), r.unit, goalText(r), metOf(r)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  if (notes.length) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  return out.join('\n');
}

/** The same table as Markdown, for the README's performance section. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const out = ['| Group | Figure | Value | Goal | Met |', '| --- | --- | ---: | --- | --- |'];
  for (const r of rows) out.push(`| ${r.group} | ${r.name} | ${r.value} ${r.unit} | ${goalText(r)} | ${metOf(r)} |`);
  return out.join('\n');
}
