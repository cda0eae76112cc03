// The Reconciliation tab end to end: payments through the cloud sandboxes, a difference injected in the
// Payroc, Blink and SmartRetry sandboxes' books (their /__sandbox/records controls, not provider behaviour),
// the day checked from the window in headless chromium, every difference shown in plain words with its
// link, the events raised; and a provider failing every request shown as "could not check", never as agreement.
// Screenshots in English and German under test-output/e2e/reconciliation-*.png.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { http } from '../helpers/http.js';
import { openEvents } from '../helpers/sse.js';
import { describeWithTool } from '../helpers/tools.js';
import { keepFailureEvidence, startStack, type Stack } from './stack.js';

vi.setConfig({ testTimeout: 90_000 });

const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123', holder_name: 'Jane Doe' };

/** The store's day as the window picks it: this PC's calendar. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Runs the day's check from the window and waits for that run's result (not an earlier run's). */
async function runFromWindow(page: Page): Promise<void> {
  const view = page.locator('[data-view="reconciliation"]');
  await page.locator('[data-view="reconciliation"][data-loaded]').waitFor();
  const runOf = async () =>
    (await view.locator('[data-run]').count()) > 0 ? await view.locator('[data-run]').getAttribute('data-run') : null;
  const before = await runOf();
  await view.locator('button[type="submit"]').click();
  await expect
    .poll(
      async () => {
        const now = await runOf();
        return now !== null && now !== before;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await view.locator('button[type="submit"]:not([disabled])').waitFor();
}

describeWithTool('chromium', 'reconciliation in the status window', () => {
  let stack: Stack;
  const ids: Record<string, string> = {};

  const tamper = async (provider: string, body: Record<string, unknown>) => {
    const r = await http('POST', `${stack.links.get(provider)!.url}/__sandbox/records`, { body });
    expect(r.status, r.text).toBe(200);
  };

  beforeAll(async () => {
    stack = await startStack();
    const pay = async (terminal: string, currency: string, reference: string, card?: typeof CARD) => {
      const r = await stack.api('POST', '/v1/preauths', {
        terminal_id: terminal,
        amount: 4_200,
        currency,
        reference,
        ...(card ? { card } : {}),
      });
      expect(r.status, r.text).toBe(201);
      return r.body.id as string;
    };
    ids.payroc = await pay('sandbox-payroc', 'USD', 'e2e-rec-payroc', CARD);
    ids.blink = await pay('sandbox-blink', 'GBP', 'e2e-rec-blink');
    ids.smartretry = await pay('sandbox-smartretry', 'USD', 'e2e-rec-smartretry', CARD);
    ids.payporter = await pay('sandbox-payporter', 'TRY', 'e2e-rec-payporter', CARD);
    ids.lab4pay = await pay('sandbox-lab4pay', 'EUR', 'e2e-rec-lab4pay');
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
  });
  afterEach((ctx) => keepFailureEvidence(stack, ctx));

  it('checks a day that matches and says so, in English and German', async () => {
    for (const locale of ['en', 'de'] as const) {
      const page = await stack.signedInPage('#/reconciliation', { locale });
      await runFromWindow(page);
      await page.locator('[data-summary="match"]').waitFor();
      const sources = await page
        .locator('[data-source][data-status]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-source'), e.getAttribute('data-status')]));
      expect(Object.fromEntries(sources)).toEqual({
        blink: 'checked',
        lab4pay: 'checked',
        payporter: 'checked',
        payroc: 'checked',
        smartretry: 'checked',
      });
      expect(await page.locator('[data-summary="match"]').textContent()).toBe(
        locale === 'de'
          ? 'Alles stimmt überein: Jede Zahlung ist beim Anbieter so verbucht wie bei uns.'
          : 'Everything matches: every payment was found at its provider as we have it.',
      );
      await stack.shot(page, `reconciliation-match-${locale}`);
      await page.close();
    }
  });

  it('shows a run another client started (the POS, another window) without a reload, from the event stream', async () => {
    const page = await stack.signedInPage('#/reconciliation');
    const view = page.locator('[data-view="reconciliation"][data-loaded]');
    await view.waitFor();
    const shown = async () =>
      (await view.locator('[data-run]').count()) > 0 ? await view.locator('[data-run]').getAttribute('data-run') : null;
    const before = await shown();
    const run = await stack.api('POST', '/v1/reconciliations', { day: today() });
    expect(run.status, run.text).toBe(201);
    await expect.poll(shown, { timeout: 10_000 }).not.toBe(before);
    await page.close();
  });

  it('shows the differences injected at three providers in plain words, with links, and raises their events', async () => {
    await tamper('payroc', { action: 'set_amount', reference: ids.payroc, amount: 4_300 });
    await tamper('blink', { action: 'add', terminal_id: 'T650M-451-962-212', amount: 1_999 });
    await tamper('smartretry', { action: 'drop', reference: ids.smartretry });
    const since = (await stack.api('GET', '/v1/reconciliations?day=' + today())).body.runs.length as number;

    for (const locale of ['en', 'de'] as const) {
      const page = await stack.signedInPage('#/reconciliation', { locale });
      await runFromWindow(page);
      await page.locator('[data-summary="differences"]').waitFor();
      // Intl puts a no-break space between amount and symbol; compared here as a plain one.
      const sentences = (await page.locator('.rec-difference .rec-sentence').allInnerTexts()).map((t) =>
        t.replace(/[\u00a0\u202f]/g, ' '),
      );
      if (locale === 'en') {
        expect(sentences).toEqual(
          expect.arrayContaining([
            'Held amount differs: we have $42.00, Payroc has $43.00.',
            expect.stringMatching(/^Blink has a payment we have no record of: £19\.99, held\.$/),
            'SmartRetry has no record of this payment. We have it as held, $42.00.',
          ]),
        );
      } else {
        expect(sentences).toEqual(
          expect.arrayContaining([
            'Reservierter Betrag weicht ab: bei uns 42,00 $, bei Payroc 43,00 $.',
            'Blink führt eine Zahlung, die wir nicht kennen: 19,99 £, reserviert.',
            'SmartRetry hat keinen Eintrag zu dieser Zahlung. Bei uns: reserviert, 42,00 $.',
          ]),
        );
      }
      expect(await page.locator('[data-source="payroc"][data-status]').getAttribute('data-status')).toBe('differences');
      // The payment behind a difference is one click away.
      const link = page.locator('.rec-difference[data-source="smartretry"] a');
      expect(await link.getAttribute('href')).toBe(`#/transactions/${ids.smartretry}`);
      await stack.shot(page, `reconciliation-differences-${locale}`);
      if (locale === 'en') {
        await link.click();
        await page.waitForURL(/#\/transactions\//);
      }
      await page.close();
    }

    const listed = (await stack.api('GET', '/v1/reconciliations?day=' + today())).body.runs;
    expect(listed.length).toBe(since + 2);
    const run = listed[0];
    expect(run.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'payroc', kind: 'amount_differs', transaction_id: ids.payroc }),
        expect.objectContaining({ source: 'blink', kind: 'unknown_to_posbridge' }),
        expect.objectContaining({ source: 'smartretry', kind: 'missing_at_provider', transaction_id: ids.smartretry }),
      ]),
    );
    // Each difference was raised as an event, read from the daemon's event stream as any client reads it.
    const stream = await openEvents(stack.daemon.url, stack.key, '?since=0');
    try {
      await stream.until((es) =>
        ['payroc', 'blink', 'smartretry'].every((source) =>
          es.some(
            (e) =>
              e.type === 'reconciliation.difference' &&
              e.data.data?.source === source &&
              e.data.data?.run_id === run.id,
          ),
        ),
      );
    } finally {
      stream.close();
    }
    // The payments themselves are untouched: shown, never fixed.
    const tx = await stack.api('GET', `/v1/preauths/${ids.payroc}`);
    expect(tx.body).toMatchObject({ state: 'authorized', amount_authorized: 4_200 });
  });

  it('shows "could not check" in amber for a provider that fails every request, never a match', async () => {
    await stack.faults(
      'payporter',
      Array.from({ length: 20 }, () => ({ kind: 'http_500' })),
      { method: 'GET' },
    );
    for (const locale of ['en', 'de'] as const) {
      const page = await stack.signedInPage('#/reconciliation', { locale });
      await runFromWindow(page);
      await page.locator('[data-summary="incomplete"]').waitFor();
      expect(await page.locator('[data-source="payporter"][data-status]').getAttribute('data-status')).toBe(
        'could_not_check',
      );
      expect(await page.locator('[data-summary="match"]').count()).toBe(0);
      expect(await page.locator('[data-source="payporter"] .badge').textContent()).toBe(
        locale === 'de' ? 'Konnte nicht geprüft werden' : 'Could not check',
      );
      await stack.shot(page, `reconciliation-could-not-check-${locale}`);
      await page.close();
    }
  });
});
