// The status window end to end: `posbridge start --sandbox` as a POS PC runs it, signed in through the
// link `posbridge ui` prints (its token in the fragment, the session in a header), driven in Debian's
// chromium. Each test saves a screenshot of what it saw.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import { http } from '../helpers/http.js';
import { startOtherLocalApp } from '../helpers/other-local-app.js';
import { describeWithTool } from '../helpers/tools.js';
import { keepFailureEvidence, startStack, type Stack } from './stack.js';

// A browser, a daemon child and the sandboxes share two cores with the rest of the suite: the waits below
// (up to 30 s for the test payment) must fit inside the test's own time.
vi.setConfig({ testTimeout: 90_000 });

const SANDBOX_TERMINALS = [
  'sandbox-payroc',
  'sandbox-smartretry',
  'sandbox-payporter',
  'sandbox-blink',
  'sandbox-lab4pay',
  'sandbox-zvt',
];
const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' };

describeWithTool('chromium', 'the status window in a real browser', () => {
  let stack: Stack;
  let zvt: RunningZvtTcpSimulator;

  beforeAll(async () => {
    stack = await startStack();
    zvt = await startZvtTcpSimulator(0, { cardMs: 300 });
  }, 60_000);
  afterAll(async () => {
    await zvt?.close();
    await stack?.close();
  });
  // A failure leaves what the browser showed and what the daemon said, to tell a slow machine from a bug.
  afterEach((ctx) => keepFailureEvidence(stack, ctx));

  it('signs in with the one-time link and shows every sandbox terminal with the one-line status', async () => {
    const page = await stack.signedInPage();
    await page
      .locator('[data-terminal]')
      .nth(SANDBOX_TERMINALS.length - 1)
      .waitFor();
    const shown = await page
      .locator('[data-terminal]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-terminal')));
    expect(shown.sort()).toEqual([...SANDBOX_TERMINALS].sort());
    await expect.poll(() => page.locator('header h1').textContent()).toBe('Card payments work on all 6 terminals');
    expect(await page.locator('[data-terminal="sandbox-blink"] .badge').textContent()).toBe('Ready');
    // A cashier never sees raw JSON or an error code.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/[{}]|_unreachable|needs_pairing/);
    await stack.shot(page, 'status-all-terminals');

    // The token left the address bar, and the API still wants credentials.
    expect(page.url()).toBe(`${stack.daemon.url}/ui/`);
    const used = await stack.api('GET', '/v1/terminals', undefined, { authorization: '' });
    expect(used.status).toBe(401);
    await page.close();
  });

  it('holds nothing another local server can use; a reload keeps the session, a used link is refused, sign-out ends it', async () => {
    const link = stack.loginLink();
    const page = await stack.browser.newPage();
    await page.goto(link);
    await page.locator('nav[aria-label="Sections"]').waitFor();

    // The browser visits another app's server on this PC: what it sends there on its own opens nothing here.
    const other = await startOtherLocalApp();
    try {
      const visit = await stack.browser.newPage();
      await visit.goto(`${other.url}/`);
      await visit.close();
      const sent = other.seen[0]!;
      const replay = { ...(sent.cookie ? { cookie: sent.cookie } : {}), 'x-posbridge-ui': '1' };
      expect((await http('POST', `${stack.daemon.url}/v1/pause`, { headers: replay })).status).toBe(401);
      expect(
        (
          await http('POST', `${stack.daemon.url}/v1/preauths`, {
            body: { terminal_id: 'sandbox-payroc', amount: 100, currency: 'USD', reference: 'stolen-1', card: CARD },
            headers: replay,
          })
        ).status,
      ).toBe(401);
      expect((await stack.api('GET', '/v1/health')).body.paused).toBe(false);
      expect(sent.cookie).toBeUndefined();
    } finally {
      await other.close();
    }
    expect(await stack.browser.cookies()).toEqual([]);
    const sessionOf = (p: typeof page) =>
      p.evaluate(() =>
        (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
          'posbridge.session',
        ),
      );
    const first = await sessionOf(page);
    expect(first).toMatch(/^pbs_/);

    // The tray shows the window again with a fresh link: in the open page only the fragment changes.
    await page.evaluate((l) => {
      (globalThis as unknown as { location: { href: string } }).location.href = l;
    }, `${stack.loginLink()}&view=/transactions`);
    await page.locator('nav a[aria-current="page"]', { hasText: 'Transactions' }).waitFor();
    await expect.poll(() => sessionOf(page)).not.toBe(first);
    const session = await sessionOf(page);
    expect(page.url()).toBe(`${stack.daemon.url}/ui/#/transactions`);
    // The session it replaced ends.
    await expect
      .poll(
        async () =>
          (await http('GET', `${stack.daemon.url}/v1/status`, { headers: { authorization: `Bearer ${first}` } }))
            .status,
      )
      .toBe(401);

    // A reload keeps the session (it is kept per tab); the used link, opened again, is refused in plain words.
    await page.reload();
    await page.locator('nav a[aria-current="page"]', { hasText: 'Transactions' }).waitFor();
    expect(await sessionOf(page)).toBe(session);
    const again = await stack.browser.newPage();
    await again.goto(link);
    await again.locator('[data-signed-out="link_used"]').waitFor();
    expect(await again.locator('main').innerText()).toContain('already been used or has expired');
    expect(again.url()).toBe(`${stack.daemon.url}/ui/`);
    await again.close();

    // A link printed by an earlier version (/ui/login?token=) still signs in.
    const login = new URLSearchParams(new URL(stack.loginLink()).hash.slice(1)).get('login')!;
    const older = await stack.browser.newPage();
    await older.goto(`${stack.daemon.url}/ui/login?token=${login}`);
    await older.locator('[data-terminal]').first().waitFor();
    expect(older.url()).toBe(`${stack.daemon.url}/ui/`);
    await older.close();

    // Sign out: the window says so, and its session opens nothing any more.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('[data-signed-out="signed_out"]').waitFor();
    await stack.shot(page, 'signed-out');
    expect(
      (await http('GET', `${stack.daemon.url}/v1/status`, { headers: { authorization: `Bearer ${session}` } })).status,
    ).toBe(401);
    await page.close();
  });

  it('shows a preauth sent to the API as it arrives and as its state changes', async () => {
    const page = await stack.signedInPage('#/transactions');
    await page.getByText('No transactions yet.').waitFor();
    const created = await stack.api('POST', '/v1/preauths', {
      terminal_id: 'sandbox-payroc',
      amount: 12_345,
      currency: 'USD',
      reference: 'room-204',
      card: CARD,
    });
    expect(created.status).toBe(201);
    const row = page.locator(`[data-tx="${created.body.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('$123.45');
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('authorized');
    expect(await row.locator('[data-state]').textContent()).toBe('Amount held');

    const captured = await stack.api('POST', `/v1/preauths/${created.body.id}/capture`, { amount: 10_000 });
    expect(captured.status).toBe(200);
    await expect.poll(() => row.locator('[data-state]').getAttribute('data-state')).toBe('captured');
    expect(await row.innerText()).toContain('$100.00');
    await stack.shot(page, 'transactions-live');

    // Its detail: every operation, and every exchange with Payroc.
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /room-204/ }).waitFor();
    await expect.poll(() => page.locator('table.attempts tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('table.ops').innerText()).toMatch(/Hold[\s\S]*Charge/);
    await stack.shot(page, 'transaction-detail');
    await page.close();
  });

  it('lists 110+ transactions newest first, shows more up to the oldest, finds one by part of its reference and by last four, and a terminal card shows its last payment', async () => {
    const made: string[] = [];
    for (let i = 0; i < 112; i++) {
      const last = i === 111;
      const r = await stack.api('POST', '/v1/preauths', {
        terminal_id: 'sandbox-payroc',
        amount: last ? 4_321 : 1_000 + i,
        currency: 'USD',
        reference: `Suite-${String(i).padStart(3, '0')}`,
        card: last ? { ...CARD, number: '5555555555554444' } : CARD,
      });
      expect(r.status).toBe(201);
      made.push(r.body.id);
    }
    const newest = made.at(-1)!;
    const oldest = made[0]!;
    const page = await stack.signedInPage('#/transactions');
    await page.locator(`[data-tx="${newest}"]`).waitFor();
    expect(await page.locator('table.tx tbody tr').first().getAttribute('data-tx')).toBe(newest);
    // The day and the time zone, not only a time.
    expect(await page.locator(`[data-tx="${newest}"] td`).first().innerText()).toMatch(
      /20\d\d.*\d:\d\d:\d\d.*(UTC|GMT|[A-Z]{2,5})/,
    );
    expect(await page.locator(`[data-tx="${oldest}"]`).count()).toBe(0);
    await stack.shot(page, 'transactions-newest-first');
    while ((await page.locator(`[data-tx="${oldest}"]`).count()) === 0) {
      const shown = await page.locator('table.tx tbody tr').count();
      await page.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => page.locator('table.tx tbody tr').count()).toBeGreaterThan(shown);
    }
    // The last page ends with the first transaction this daemon ever took (an earlier test's, or ours).
    const first = (await stack.api('GET', '/v1/preauths?order=oldest&limit=1')).body.data[0].id;
    await expect.poll(() => page.locator('table.tx tbody tr').last().getAttribute('data-tx')).toBe(first);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    await stack.shot(page, 'transactions-show-more-oldest');

    const search = page.getByRole('searchbox');
    await search.fill('ite-11');
    await expect.poll(() => page.locator('table.tx tbody tr').count()).toBe(2);
    expect(await page.locator(`[data-tx="${newest}"]`).count()).toBe(1);
    await stack.shot(page, 'transactions-search-reference-part');
    await search.fill('4444');
    await expect.poll(() => page.locator('table.tx tbody tr').count()).toBe(1);
    expect(await page.locator('table.tx tbody tr').first().getAttribute('data-tx')).toBe(newest);
    await stack.shot(page, 'transactions-search-last-four');

    await page.goto(`${stack.daemon.url}/ui/#/`);
    const card = page.locator('[data-terminal="sandbox-payroc"] .last-payment');
    await expect.poll(() => card.innerText()).toMatch(/^Last payment \$43\.21, .*20\d\d/);
    await stack.shot(page, 'terminal-card-last-payment');
    await page.close();
  });

  it('pairs a ZVT terminal on the network with the wizard and runs the test payment', async () => {
    const page = await stack.signedInPage('#/pair');
    await page.getByRole('button', { name: /Card terminal on the network/ }).click();
    await page.getByLabel(/address/).fill(`127.0.0.1:${new URL(zvt.url).port}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Name staff will see').fill('Back office');
    expect(await page.getByLabel('Terminal id for the POS').inputValue()).toBe('back-office');
    await page.getByRole('button', { name: 'Save the terminal' }).click();
    await page.getByText('is saved as terminal').waitFor({ timeout: 20_000 });
    expect(await page.locator('.steps').first().innerText()).toMatch(/✓/);
    await page.getByRole('button', { name: 'Run a test payment' }).click();
    await page.getByText('The terminal works').waitFor({ timeout: 30_000 });
    const steps = await page
      .locator('.test-tx .step')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-step-state'), e.textContent]));
    expect(steps.map((s) => s[0])).toEqual(['ok', 'ok', 'ok']);
    expect(steps[0]![1]).toContain('Held €1.00');
    await stack.shot(page, 'pairing-zvt-tcp');

    // The daemon has it, and the simulator saw the hold taken and released.
    const terminals = (await stack.api('GET', '/v1/terminals')).body.data as { id: string; state: string }[];
    expect(terminals.find((t) => t.id === 'back-office')?.state).toBe('ready');
    const tests = (await stack.api('GET', '/v1/preauths?terminal_id=back-office')).body.data as { state: string }[];
    expect(tests.map((t) => t.state)).toEqual(['voided']);
    await page.close();
  });

  it('says posbridge is not running within 5 s of losing it, and comes back by itself when it runs again', async () => {
    const page = await stack.signedInPage();
    await page.locator('[data-terminal]').first().waitFor();
    await expect.poll(() => page.locator('header').getAttribute('data-level')).toMatch(/^(ok|degraded)$/);
    await stack.killDaemon();
    // The event stream drops with the daemon: that is the signal, not a timer of its own.
    await expect
      .poll(() => page.locator('header h1').textContent(), { timeout: 5_000, interval: 100 })
      .toBe('posbridge is not running');
    expect(await page.locator('header').getAttribute('data-level')).toBe('not-running');
    // Nothing below claims to be current: no card says Ready.
    await expect.poll(() => page.locator('[data-terminal] .badge', { hasText: 'Ready' }).count()).toBe(0);
    expect(await page.locator('[data-terminal="sandbox-payroc"]').getAttribute('data-state')).toBe('unknown');
    // Nor do the last counts: "Nothing is waiting" is not known either.
    expect(await page.locator('#queue-h').count()).toBe(0);
    await stack.shot(page, 'daemon-not-running');

    await stack.restartDaemon();
    // Back by itself, with fresh state, and no reload by hand.
    await expect
      .poll(() => page.locator('header').getAttribute('data-level'), { timeout: 20_000 })
      .toMatch(/^(ok|degraded)$/);
    expect(await page.locator('header h1').textContent()).not.toBe('posbridge is not running');
    await expect
      .poll(() => page.locator('[data-terminal="sandbox-payroc"]').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('ready');
    expect(await page.locator('#queue-h').count()).toBe(1);
    expect(await page.locator('p.error').count()).toBe(0);
    await stack.shot(page, 'daemon-back');
    await page.close();
  });

  it('says posbridge is not running when it is stopped properly (SIGTERM), as when it is killed', async () => {
    const page = await stack.signedInPage();
    await page.locator('[data-terminal]').first().waitFor();
    await expect.poll(() => page.locator('header').getAttribute('data-level')).toMatch(/^(ok|degraded)$/);
    // A proper stop ends the stream with a goodbye instead of a reset: the window must read both the same.
    stack.daemon.proc.kill('SIGTERM');
    await stack.daemon.exited;
    await expect
      .poll(() => page.locator('header').getAttribute('data-level'), { timeout: 5_000, interval: 100 })
      .toBe('not-running');
    await stack.restartDaemon();
    await expect
      .poll(() => page.locator('header').getAttribute('data-level'), { timeout: 20_000 })
      .toMatch(/^(ok|degraded)$/);
    await page.close();
  });

  it('says posbridge is not running when it freezes with its socket still open, and comes back when it thaws', async () => {
    const page = await stack.signedInPage();
    await page.locator('[data-terminal]').first().waitFor();
    await expect.poll(() => page.locator('header').getAttribute('data-level')).toMatch(/^(ok|degraded)$/);
    // Stopped, not killed: the kernel keeps its connections open and accepts new ones, nothing answers.
    stack.daemon.proc.kill('SIGSTOP');
    try {
      // Three missed 2 s heartbeats, then the headline; the slack is for a loaded machine's timers.
      await expect
        .poll(() => page.locator('header').getAttribute('data-level'), { timeout: 9_000, interval: 100 })
        .toBe('not-running');
      await stack.shot(page, 'daemon-frozen');
    } finally {
      stack.daemon.proc.kill('SIGCONT');
    }
    await expect
      .poll(() => page.locator('header').getAttribute('data-level'), { timeout: 20_000 })
      .toMatch(/^(ok|degraded)$/);
    expect(await page.locator('[data-terminal="sandbox-payroc"]').getAttribute('data-state')).not.toBe('unknown');
    await page.close();
  });

  it('turns the terminal card and the headline amber while its provider fails every request', async () => {
    const page = await stack.signedInPage();
    await page.locator('[data-terminal="sandbox-payroc"]').waitFor();
    await stack.faults(
      'payroc',
      Array.from({ length: 100 }, () => ({ kind: 'http_500' })),
      { replace: true },
    );
    const sent = await stack.api(
      'POST',
      '/v1/preauths',
      { terminal_id: 'sandbox-payroc', amount: 4_200, currency: 'USD', reference: 'table-12', card: CARD },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(202);
    const card = page.locator('[data-terminal="sandbox-payroc"]');
    await expect.poll(() => card.locator('.badge').textContent(), { timeout: 20_000 }).toBe('Not working');
    expect(await card.locator('.reach').textContent()).toBe('Payroc answers with errors');
    await expect.poll(() => page.locator('header').getAttribute('data-level')).toBe('degraded');
    await expect.poll(() => page.locator('header h1').textContent()).toMatch(/^Payroc is not working for /);
    // The card and the panel count the same thing.
    const onCard = Number(
      (
        (await card
          .locator('.waiting')
          .textContent()
          .catch(() => null)) ?? '0'
      ).split(' ')[0],
    );
    const inPanel = Number(await page.locator('.waiting-count').getAttribute('data-count'));
    expect(onCard).toBe(inPanel);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/HTTP|500|_/);
    await stack.shot(page, 'provider-failing');

    await stack.faults('payroc', [], { replace: true });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/^(ready|busy)$/);
    await page.close();
  });

  it('shows an unreachable provider as an alert with what to do', async () => {
    const page = await stack.signedInPage();
    await page.locator('[data-terminal]').first().waitFor();
    await stack.links.get('blink')!.down();
    const sent = await stack.api(
      'POST',
      '/v1/preauths',
      { terminal_id: 'sandbox-blink', amount: 2_000, currency: 'GBP', reference: 'table-9' },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(202);
    const alert = page.locator('[data-alert="status"]', { hasText: 'Blink cannot be reached' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toContain("Check this PC's internet connection");
    await expect.poll(() => page.locator('header').getAttribute('data-level')).toBe('degraded');
    // The badge comes from its own request (GET /v1/terminals), which may have been answered just before the breaker opened.
    await expect.poll(() => page.locator('[data-terminal="sandbox-blink"] .badge').textContent()).toBe('Offline');
    await stack.shot(page, 'alert-provider-unreachable');
    await stack.links.get('blink')!.up();
    await page.close();
  });
});
