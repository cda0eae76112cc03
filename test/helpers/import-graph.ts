// The project's own import graph, read from the sources (relative imports, type-only ones included):
// for the boundary test that finds import loops between files and between rooms (folders).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tsFiles(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** file → the project files it imports, paths relative to `root`. */
export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const files = dirs.flatMap((d) => tsFiles(join(root, d)));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const deps = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.[^']+)'/g)]
      .map((m) => resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts'))
      .filter((d) => known.has(d));
    graph.set(
      relative(root, file),
      deps.map((d) => relative(root, d)),
    );
  }
  return graph;
}

/** The strongly connected groups of more than one node (Tarjan): each is an import loop. */
export function loops(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The same graph between rooms: bridge/<room>, a provider's or terminal kind's own folder, or a top file. The
 *  sandboxes are one room: a test double of every provider, sharing one kit. */
export function roomGraph(graph: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const room = (file: string) => {
    const parts = file.replace(/\.ts$/, '').split('/');
    if (parts[0] !== 'bridge' || parts.length <= 2) return parts.join('/');
    return parts.slice(0, ['providers', 'terminals'].includes(parts[1]!) && parts.length > 3 ? 3 : 2).join('/');
  };
  const rooms = new Map<string, Set<string>>();
  for (const [file, deps] of graph) {
    const from = room(file);
    if (!rooms.has(from)) rooms.set(from, new Set());
    for (const d of deps) if (room(d) !== from) rooms.get(from)!.add(room(d));
  }
  return new Map([...rooms].map(([k, v]) => [k, [...v]]));
}
