// The clients a legacy POS developer copies (clients/): the C# one compiled with Mono as C# 2.0 and run
// with mono, the Python one with python3, each running its demo against a daemon child in sandbox mode.
// The demos check every answer themselves (preauth → adjust → capture, a decline, a partial approval, a
// 202 followed by polling, refusals read from the error response, posbridge not running, no answer) and
// exit 1 on any answer that is not the one a POS should get; here each step must be reported ok. The
// commands run are the ones README.md gives under "Integrating a legacy POS".
import { execFile } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import currencyCodes from 'currency-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currencyExponent } from '../../bridge/core/money.js';
import { startChild, type DaemonChild } from '../helpers/child.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';

const CLIENTS = fileURLToPath(new URL('../../clients/', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The steps both demos print, in order. */
const STEPS = [
  'minor-units',
  'preauth',
  'utf-8',
  'repeat',
  'adjust',
  'adjust-repeat',
  'capture',
  'find-by-reference',
  'decline',
  'partial',
  'async',
  'processed-later',
  'reference-conflict',
  'amount-not-minor-units',
  'not-running',
  'no-answer',
];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: 60_000, env: { ...process.env, ...options.env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Every step reported ok, in order, and none failed. */
function expectAllSteps(out: Run): void {
  const reported = [...out.stdout.matchAll(/^(ok|FAIL) +([a-z0-9-]+):/gm)].map((m) => `${m[1]} ${m[2]}`);
  expect(reported, `${out.stdout}\n${out.stderr}`).toEqual(STEPS.map((s) => `ok ${s}`));
  expect(out.stdout).toContain(`steps: ${STEPS.length} ok, 0 failed`);
  expect(out.code, out.stdout).toBe(0);
}

/** Pointed at answers that are wrong for it (a key posbridge does not know), a demo must fail. */
function expectFailure(out: Run): void {
  expect(out.code, out.stdout).toBe(1);
  expect(out.stdout).toMatch(/^FAIL preauth: 401 refused unauthorized/m);
}

/**
 * The command README.md's "Integrating a legacy POS" gives for a client, so that what it tells a POS
 * developer to run is what is tested; the sandbox's default address is replaced by the child's.
 */
function readmeCommand(client: 'csharp' | 'python', url: string): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Integrating a legacy POS'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const line = block.split('\n').find((l) => l.startsWith(`cd clients/${client} `));
  if (!line) throw new Error(`README.md "Integrating a legacy POS" has no command for clients/${client}`);
  return line.replaceAll('http://127.0.0.1:7420', url);
}

/** The Visa test number every sandbox accepts; the demos take it as an argument, as a POS developer would. */
const SANDBOX_TEST_CARD = '4111111111111111';

const tmp = tempDir();
// The commands run in a copy, so that running them leaves nothing (Demo.exe) in the work tree.
const copy = join(tmp.dir, 'repo');
cpSync(CLIENTS, join(copy, 'clients'), { recursive: true });
let daemon: Promise<{ child: DaemonChild; key: string }> | undefined;

/** One sandbox daemon for both clients, started by the first suite that runs. */
function sandboxDaemon(): Promise<{ child: DaemonChild; key: string }> {
  daemon ??= (async () => {
    const dir = join(tmp.dir, 'daemon');
    const child = await startChild(['--sandbox', '--data-dir', dir, '--port', '0']);
    return { child, key: readFileSync(join(dir, 'sandbox-api-key'), 'utf8').trim() };
  })();
  return daemon;
}

afterAll(async () => {
  if (daemon) {
    const { child } = await daemon;
    child.proc.kill('SIGTERM');
    await child.exited;
  }
  tmp.cleanup();
});

describe("the clients' minor-unit tables", () => {
  it('list the ISO 4217 exponents the daemon uses, for every currency that is not 2 decimals', () => {
    const expected = (digits: number) =>
      currencyCodes
        .codes()
        .filter((c) => currencyExponent(c) === digits)
        .sort();
    const listed = (file: string, name: string) => {
      const m = new RegExp(`${name}\\s*=\\s*"([A-Z ]+)"`).exec(readFileSync(join(CLIENTS, file), 'utf8'));
      return (m?.[1] ?? '').split(' ').filter(Boolean).sort();
    };
    expect(listed('csharp/Posbridge.cs', 'ZeroDecimalCurrencies')).toEqual(expected(0));
    expect(listed('csharp/Posbridge.cs', 'ThreeDecimalCurrencies')).toEqual(expected(3));
    expect(listed('python/posbridge_client.py', 'ZERO_DECIMAL_CURRENCIES')).toEqual(expected(0));
    expect(listed('python/posbridge_client.py', 'THREE_DECIMAL_CURRENCIES')).toEqual(expected(3));
    // Nothing the daemon takes has another exponent the tables would miss.
    expect(currencyCodes.codes().filter((c) => ![undefined, 0, 2, 3].includes(currencyExponent(c)))).toEqual([]);
  });
});

describeWithTool('mcs', 'C# client (.NET Framework style, compiled with Mono)', () => {
  describeWithTool('mono', 'run with mono', () => {
    let url = '';
    let key = '';

    beforeAll(async () => {
      ({
        child: { url },
        key,
      } = await sandboxDaemon());
    });

    it("compiles as C# 2.0 with no warnings and runs every flow with the answer a POS should get at each step (the README's command)", async () => {
      const out = await run('sh', ['-c', readmeCommand('csharp', url)], {
        cwd: copy,
        env: { KEY: key, CARD: SANDBOX_TEST_CARD },
      });
      expectAllSteps(out);
    }, 90_000);

    it('fails when the answers are not the expected ones', async () => {
      expectFailure(
        await run('mono', [join(copy, 'clients', 'csharp', 'Demo.exe'), url, 'pbk_not-a-key', SANDBOX_TEST_CARD]),
      );
    }, 60_000);
  });
});

describeWithTool('python3', 'Python client (standard library only)', () => {
  let url = '';
  let key = '';

  beforeAll(async () => {
    ({
      child: { url },
      key,
    } = await sandboxDaemon());
  });

  it("runs every flow with the answer a POS should get at each step (the README's command)", async () => {
    expectAllSteps(
      await run('sh', ['-c', readmeCommand('python', url)], { cwd: copy, env: { KEY: key, CARD: SANDBOX_TEST_CARD } }),
    );
  }, 90_000);

  it('fails when the answers are not the expected ones', async () => {
    expectFailure(
      await run('python3', [join(copy, 'clients', 'python', 'demo.py'), url, 'pbk_not-a-key', SANDBOX_TEST_CARD]),
    );
  }, 60_000);
});
