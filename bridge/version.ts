// posbridge's own package.json, found by walking up from this file (works from bridge/ and from
// dist/bridge/): its version, and its folder (where the built status window lives).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { dir: string; version: string | undefined } | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'posbridge') return { dir, version: pkg.version };
    }
    dir = dirname(dir);
  }
  return undefined;
}

export function packageVersion(): string {
  return findPackage()?.version ?? '0.0.0';
}

/** The folder of posbridge's package.json (the repository, or the installed package). */
export function packageRoot(): string {
  const found = findPackage();
  if (!found) throw new Error('posbridge: cannot find its own package.json');
  return found.dir;
}
