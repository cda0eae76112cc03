// The build bundles TypeBox into one file (build/bundle-typebox.mjs): the bundle imports nothing, has the
// exports of bridge/core/typebox.ts, and validates as TypeBox does; bridge/ reaches TypeBox only through it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as source from '../../bridge/core/typebox.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the TypeBox bundle', () => {
  it('is one file with the same exports, that imports nothing and validates like TypeBox', async () => {
    const out = join(tmp.dir, 'typebox.js');
    execFileSync(process.execPath, [join(ROOT, 'build', 'bundle-typebox.mjs'), out], { stdio: 'pipe' });
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/^\s*import\b|\bimport\(|\brequire\(/m);
    const bundled = (await import(pathToFileURL(out).href)) as typeof source;
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(source).sort());
    const schema = bundled.Type.Object({ amount: bundled.Type.Integer({ minimum: 1 }), note: bundled.Type.String() });
    expect(JSON.stringify(schema)).toBe(
      JSON.stringify(source.Type.Object({ amount: source.Type.Integer({ minimum: 1 }), note: source.Type.String() })),
    );
    const check = bundled.Compile(schema);
    expect(check.Check({ amount: 5, note: 'x' })).toBe(true);
    expect(check.Check({ amount: 0, note: 'x' })).toBe(false);
    expect(bundled.Value.Default(bundled.Type.Object({ n: bundled.Type.Number({ default: 7 }) }), {})).toEqual({
      n: 7,
    });
  }, 60_000);

  it('is the only way bridge/ and native/ import TypeBox at run time', () => {
    const direct = [...sourceFiles(join(ROOT, 'bridge')), ...sourceFiles(join(ROOT, 'native'))].filter(
      (file) =>
        !file.endsWith(join('core', 'typebox.ts')) &&
        /^import (?!type )[^;]*from 'typebox(\/[a-z]+)?';/m.test(readFileSync(file, 'utf8')),
    );
    expect(direct).toEqual([]);
  });
});
