// The stack the end-to-end tests drive: the five provider sandboxes (in this process, each behind a
// Link that can be unplugged), `posbridge start --sandbox` as a child process that finds them in
// sandbox.json, a one-time login link from `posbridge ui` (its token in the fragment), and Debian's
// chromium run headless.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBlinkSandbox } from '../../bridge/sandbox/blink/server.js';
import { startLab4PaySandbox } from '../../bridge/sandbox/lab4pay/server.js';
import { startPayPorterSandbox } from '../../bridge/sandbox/payporter/server.js';
import { startPayrocSandbox } from '../../bridge/sandbox/payroc/server.js';
import { startSmartRetrySandbox } from '../../bridge/sandbox/smartretry/server.js';
import { runCli, startChild, type DaemonChild } from '../helpers/child.js';
import { http, type TestResponse } from '../helpers/http.js';
import { Link } from '../helpers/link.js';
import { tempDir } from '../helpers/tmp.js';

/** Screenshots land here (the test output folder), one per test, named after it. */
export const SHOTS_DIR = fileURLToPath(new URL('../../test-output/e2e', import.meta.url));

export interface Stack {
  readonly dataDir: string;
  /** The daemon running now (a new child after `restartDaemon`). */
  readonly daemon: DaemonChild;
  readonly port: number;
  readonly links: Map<string, Link>;
  /** A persistent context on a fresh user-data dir (no profile of the machine's is touched). */
  readonly browser: BrowserContext;
  readonly key: string;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** A new one-time link from `posbridge ui`, as it prints it. */
  loginLink(): string;
  /**
   * A fresh page signed in through a new `posbridge ui` link (at the page `hash`, as the tray asks), at
   * 1366×768, in the window's language `locale` (as if picked with its switch; English by default).
   */
  signedInPage(hash?: string, opts?: { locale?: 'en' | 'de' | 'tr' }): Promise<Page>;
  shot(page: Page, name: string): Promise<string>;
  /** Kills the daemon as a crash or a power cut would (SIGKILL: no goodbye to the window). */
  killDaemon(): Promise<void>;
  /** Starts it again on the same port and data folder, as the tray would. */
  restartDaemon(): Promise<void>;
  /** Scripts faults into a provider's sandbox (POST /__sandbox/faults), e.g. a 500 for every request. */
  faults(provider: string, faults: unknown[], extra?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const tmp = tempDir('posbridge-e2e-');
  const sandboxes = [
    ['payroc', await startPayrocSandbox(0)],
    ['smartretry', await startSmartRetrySandbox(0)],
    ['payporter', await startPayPorterSandbox(0)],
    ['blink', await startBlinkSandbox(0, { cardMs: 300 })],
    ['lab4pay', await startLab4PaySandbox(0)],
  ] as const;
  const links = new Map<string, Link>();
  for (const [name, s] of sandboxes) {
    const link = new Link(Number(new URL(s.url).port));
    await link.up();
    links.set(name, link);
  }
  writeFileSync(
    join(tmp.dir, 'sandbox.json'),
    JSON.stringify(Object.fromEntries([...links].map(([n, l]) => [n, l.url]))),
  );
  // Fast retries and a breaker that opens on the first refused connection, so "unreachable" shows quickly.
  const config = join(tmp.dir, 'e2e-config.json');
  writeFileSync(
    config,
    JSON.stringify({
      log_level: 'warn',
      retry: { base_ms: 100, max_ms: 500 },
      offline: { breaker_threshold: 1, probe_base_ms: 60_000, probe_max_ms: 60_000 },
    }),
  );
  const args = (port: number) => ['--sandbox', '--data-dir', tmp.dir, '--port', String(port), '--config', config];
  let daemon = await startChild(args(0));
  const port = Number(new URL(daemon.url).port);
  const key = readFileSync(join(tmp.dir, 'sandbox-api-key'), 'utf8').trim();
  const browser = await chromium.launchPersistentContext(join(tmp.dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(SHOTS_DIR, { recursive: true });
  const loginLink = () => {
    const ui = runCli(['ui', '--data-dir', tmp.dir, '--port', String(port)]);
    if (ui.status !== 0) throw new Error(`posbridge ui failed: ${ui.stderr}`);
    return ui.stdout.trim();
  };
  return {
    dataDir: tmp.dir,
    get daemon() {
      return daemon;
    },
    port,
    links,
    browser,
    key,
    api: (method, path, body, headers = {}) =>
      http(method, `${daemon.url}${path}`, {
        ...(body !== undefined ? { body } : {}),
        headers: { authorization: `Bearer ${key}`, ...headers },
      }),
    loginLink,
    async signedInPage(hash = '', opts = {}) {
      const page = await browser.newPage();
      // The switch keeps its choice in the page's storage; set before any of the window's code runs.
      await page.addInitScript((l) => localStorage.setItem('posbridge.locale', l), opts.locale ?? 'en');
      await page.goto(`${loginLink()}${hash ? `&view=${hash.slice(1)}` : ''}`);
      // Signed in once the window itself shows (its sections), not the sign-in page.
      await page.locator('nav[data-sections]').waitFor();
      return page;
    },
    async shot(page, name) {
      const file = join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async killDaemon() {
      daemon.proc.kill('SIGKILL');
      await daemon.exited;
    },
    async restartDaemon() {
      daemon = await startChild(args(port));
    },
    async faults(provider, faults, extra = {}) {
      const url = sandboxes.find(([n]) => n === provider)?.[1].url;
      if (!url) throw new Error(`no sandbox ${provider}`);
      const r = await http('POST', `${url}/__sandbox/faults`, { body: { faults, ...extra } });
      if (r.status !== 200) throw new Error(`faults refused: ${r.text}`);
    },
    async close() {
      await browser.close();
      if (daemon.proc.exitCode === null && daemon.proc.signalCode === null) {
        daemon.proc.kill('SIGTERM');
        await daemon.exited;
      }
      for (const l of links.values()) await l.down();
      for (const [, s] of sandboxes) await s.close();
      tmp.cleanup();
    },
  };
}

/**
 * What a failed test leaves behind, to tell a slow machine from a bug: a screenshot of every open page
 * (the stack's, and any of `more`) and the end of the daemon's output. For `afterEach`.
 */
export async function keepFailureEvidence(
  stack: Stack | undefined,
  ctx: { task: { name: string; result?: { state?: string } } },
  more: readonly Page[] = [],
): Promise<void> {
  if (ctx.task.result?.state !== 'fail' || !stack) return;
  const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  for (const [i, page] of [...stack.browser.pages(), ...more].entries())
    await page.screenshot({ path: join(SHOTS_DIR, `failed-${name}-${i}.png`), fullPage: true }).catch(() => undefined);
  process.stdout.write(`daemon output before "${ctx.task.name}" failed:\n${stack.daemon.output().slice(-4000)}\n`);
}
