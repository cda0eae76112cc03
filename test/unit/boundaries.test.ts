// The folder boundaries of ARCHITECTURE.md hold, and the lint rule that enforces them does bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importGraph, loops, roomGraph } from '../helpers/import-graph.js';

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
    expect(await lint(`import { app } from 'electron';\nexport const a = app;\n`, 'bridge/engine/x.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports.*electron/),
    ]);
    expect(
      await lint(`import Database from 'better-sqlite3';\nexport const d = Database;\n`, 'bridge/store/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(
      await lint(`import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n`, 'bridge/terminals/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });

  it('keeps the window on HTTP only', async () => {
    expect(
      await lint(
        `import { Store } from '../../bridge/store/store.js';\nexport const s = Store;\n`,
        'renderer/src/x.ts',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });

  it('lets native/ import them', async () => {
    expect(await lint(`import Database from 'better-sqlite3';\nexport const d = Database;\n`, 'native/x.ts')).toEqual(
      [],
    );
  });

  it('keeps processes, daemons and sockets out of test/unit', async () => {
    expect(
      await lint(`import { spawn } from 'node:child_process';\nexport const s = spawn;\n`, 'test/unit/x.test.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(
      await lint(
        `import { startChild } from '../helpers/child.js';\nexport const s = startChild;\n`,
        'test/unit/main/x.test.ts',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports.*test\/integration/)]);
    expect(
      await lint(
        `import { startChild } from '../helpers/child.js';\nexport const s = startChild;\n`,
        'test/integration/x.test.ts',
      ),
    ).toEqual([]);
  });

  it('keeps core pure and connectors free of I/O', async () => {
    expect(
      await lint(`import { Store } from '../store/store.js';\nexport const s = Store;\n`, 'bridge/core/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(
      await lint(`import { request } from 'undici';\nexport const r = request;\n`, 'bridge/providers/payroc/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
    expect(
      await lint(`import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`, 'renderer/src/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-imports/)]);
  });

  it('lets only the state writer change transaction or operation state, or card data', async () => {
    const write = `import type { Store } from '../store/store.js';\nexport const f = (s: Store) => s.operations.wipeCard('op');\n`;
    expect(await lint(write, 'bridge/engine/x.ts')).toEqual([
      expect.stringMatching(/no-restricted-syntax.*state-writer/),
    ]);
    expect(
      await lint(write.replace("'../store/store.js'", "'../../store/store.js'"), 'bridge/api/routes/x.ts'),
    ).toEqual([expect.stringMatching(/no-restricted-syntax.*state-writer/)]);
    const transition = `import type { Store } from '../store/store.js';\nexport const f = (s: Store) => s.transactions.transition('t', 'authorized', 'expired', {}, 'now');\n`;
    expect(await lint(transition, 'bridge/engine/expiry.ts')).toEqual([expect.stringMatching(/no-restricted-syntax/)]);
    expect(await lint(transition, 'bridge/engine/state-writer.ts')).toEqual([]);
  });

  it('keeps ZVT in terminals/zvt/ and every provider in the wiring', async () => {
    expect(
      await lint(
        `import { ZvtDriver } from '../terminals/zvt/driver.js';\nexport const d = ZvtDriver;\n`,
        'bridge/engine/x.ts',
      ),
    ).toEqual([
      expect.stringMatching(/no-restricted-imports.*Only bridge\/terminals\/zvt/),
      expect.stringMatching(/no-restricted-imports.*engine depends on core/),
      expect.stringMatching(/no-restricted-syntax.*ZVT/),
    ]);
    expect(
      await lint(
        `import { ZvtDriver } from '../../terminals/zvt/driver.js';\nexport const d = ZvtDriver;\n`,
        'bridge/api/routes/x.ts',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports.*Only bridge\/terminals\/zvt/)]);
    expect(await lint(`export const isZvt = (p: string) => p === 'zvt';\n`, 'bridge/engine/x.ts')).toEqual([
      expect.stringMatching(/no-restricted-syntax.*ZVT/),
    ]);
    expect(
      await lint(
        `import { payrocConnector } from '../../providers/payroc/connector.js';\nexport const c = payrocConnector;\n`,
        'bridge/api/routes/x.ts',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-imports.*wiring/)]);
    expect(
      await lint(
        `import { payrocConnector } from '../providers/payroc/connector.js';\nexport const c = payrocConnector;\n`,
        'bridge/wiring/x.ts',
      ),
    ).toEqual([]);
    expect(
      await lint(
        `import { ZvtChannel } from '../terminals/zvt/channel.js';\nexport const c = ZvtChannel;\n`,
        'bridge/wiring/x.ts',
      ),
    ).toEqual([]);
  });

  it('has no import loop between files, nor between rooms', () => {
    const graph = importGraph(new URL('../..', import.meta.url).pathname, ['bridge', 'native']);
    expect(graph.size).toBeGreaterThan(100);
    expect(loops(graph)).toEqual([]);
    expect(loops(roomGraph(graph))).toEqual([]);
  });

  it('finds a loop when there is one', () => {
    expect(
      loops(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      loops(
        roomGraph(
          new Map([
            ['bridge/engine/a.ts', ['bridge/store/b.ts']],
            ['bridge/store/b.ts', ['bridge/engine/c.ts']],
            ['bridge/engine/c.ts', []],
          ]),
        ),
      ),
    ).toEqual([['bridge/engine', 'bridge/store']]);
  });
});
