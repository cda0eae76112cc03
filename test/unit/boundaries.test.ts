// The folder boundaries of ARCHITECTURE.md hold, and the lint rule that enforces them does bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture boundaries', () => {
  it('the whole tree passes lint', async () => {
    const results = await eslint.lintFiles(['bridge', 'native', 'main', 'renderer', 'test']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses electron and native modules in bridge/', async () => {
    expect(await lint(`import { app } from 'electron';\nexport const a = app;\n`, 'bridge/engine/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports.*electron/)]);
    expect(await lint(`import Database from 'better-sqlite3';\nexport const d = Database;\n`, 'bridge/store/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(await lint(`import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n`, 'bridge/terminals/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });

  it('keeps node-ipc inside native/ and the window on HTTP only', async () => {
    expect(await lint(`import ipc from 'node-ipc';\nexport const i = ipc;\n`, 'main/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports.*node-ipc/)]);
    expect(await lint(`import { Store } from '../../bridge/store/store.js';\nexport const s = Store;\n`, 'renderer/src/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });

  it('lets native/ import them', async () => {
    expect(await lint(`import Database from 'better-sqlite3';\nexport const d = Database;\n`, 'native/x.ts')).toEqual([]);
  });

  it('keeps processes, daemons and sockets out of test/unit', async () => {
    expect(await lint(`import { spawn } from 'node:child_process';\nexport const s = spawn;\n`, 'test/unit/x.test.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(await lint(`import { startChild } from '../helpers/child.js';\nexport const s = startChild;\n`, 'test/unit/main/x.test.ts')).toEqual([expect.stringMatching(/no-restricted-imports.*test\/integration/)]);
    expect(await lint(`import { startChild } from '../helpers/child.js';\nexport const s = startChild;\n`, 'test/integration/x.test.ts')).toEqual([]);
  });

  it('keeps core pure and connectors free of I/O', async () => {
    expect(await lint(`import { Store } from '../store/store.js';\nexport const s = Store;\n`, 'bridge/core/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(await lint(`import { request } from 'undici';\nexport const r = request;\n`, 'bridge/providers/payroc/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(await lint(`import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`, 'renderer/src/x.ts')).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });
});
