// What `posbridge start` loads before it answers: not the sandboxes (only with --sandbox), not undici (on
// the first provider call), not serialport (on the first serial port listed or opened). A module loader
// hook in the child records every ES module it loads. And the V8 setting bin/posbridge.js makes for the
// daemon: its young generation does not grow under a burst of short-lived objects.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild, writeConfig } from '../helpers/child.js';
import { http } from '../helpers/http.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function recorder(): { nodeArgs: string[]; loaded(): string[] } {
  const list = join(tmp.dir, 'loaded.txt');
  writeFileSync(list, '');
  const hooks = join(tmp.dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  appendFileSync(${JSON.stringify(list)}, url + '\\n');\n` +
      `  return next(url, context);\n}\n`,
  );
  const register = join(tmp.dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return {
    nodeArgs: ['--import', pathToFileURL(register).href],
    loaded: () => readFileSync(list, 'utf8').split('\n').filter(Boolean),
  };
}

const CONFIG = {
  log_level: 'warn',
  providers: {
    payroc: { api_url: 'http://127.0.0.1:9/v1', identity_url: 'http://127.0.0.1:9/authorize', api_key: 'x' },
  },
  terminals: [{ id: 't1', provider: 'payroc', currency: 'USD', processing_terminal_id: '1234001' }],
};

describe('posbridge start', () => {
  it('answers without loading the sandboxes, undici or serialport', async () => {
    const rec = recorder();
    const config = writeConfig(tmp.dir, CONFIG);
    const child = await startChild(
      ['--data-dir', join(tmp.dir, 'data'), '--port', '0', '--config', config],
      {},
      { nodeArgs: rec.nodeArgs },
    );
    const undiciLoaded = () => rec.loaded().some((u) => /\/node_modules\/undici\//.test(u));
    try {
      expect((await http('GET', `${child.url}/v1/health`)).status).toBe(200);
      const loaded = rec.loaded();
      expect(loaded.some((u) => u.includes('/dist/bridge/api/server.js'))).toBe(true);
      expect(loaded.filter((u) => /\/dist\/bridge\/sandbox\/|\/node_modules\/(undici|serialport)\//.test(u))).toEqual(
        [],
      );
      // A few seconds later the HTTP client is loaded in the background: the first payment does not wait.
      for (let i = 0; i < 100 && !undiciLoaded(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(undiciLoaded()).toBe(true);
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  }, 60_000);

  it("keeps V8's young generation at its first size under a burst of garbage", async () => {
    // Run inside the daemon once it listens: churn through short-lived objects (as a burst of requests
    // does), then report the young generation's size. By default V8 grows it to 16 or 32 MB.
    const report = join(tmp.dir, 'new-space.txt');
    const churn = join(tmp.dir, 'churn.mjs');
    writeFileSync(
      churn,
      `import { getHeapSpaceStatistics } from 'node:v8';\n` +
        `import { writeFileSync } from 'node:fs';\n` +
        `setTimeout(() => {\n` +
        `  let keep = [];\n` +
        `  for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = []; }\n` +
        `  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');\n` +
        `  writeFileSync(${JSON.stringify(report)}, String(young.space_size));\n` +
        `}, 500);\n`,
    );
    const child = await startChild(
      ['--data-dir', join(tmp.dir, 'data-2'), '--port', '0', '--config', writeConfig(tmp.dir, CONFIG)],
      {},
      { nodeArgs: ['--import', pathToFileURL(churn).href] },
    );
    try {
      let size: string | undefined;
      for (let i = 0; i < 200 && size === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
        size = existsSync(report) ? readFileSync(report, 'utf8') : undefined;
      }
      expect(Number(size)).toBeLessThanOrEqual(8 * 1024 * 1024);
    } finally {
      child.proc.kill('SIGTERM');
      await child.exited;
    }
  }, 60_000);
});
