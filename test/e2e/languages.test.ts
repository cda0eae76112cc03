// The window in the staff's language, end to end: `posbridge start --sandbox`, Debian's chromium headless.
// Status, Transactions and Help in English, German and Turkish (screenshots lang-<page>-<lang>.png); the
// switch changes every word at once and is kept after a reload; a German browser with no choice stored
// starts in German with money as "12,50 €"; the daemon's problems and its absence are said in German,
// composed from its problem codes, never its English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeWithTool } from '../helpers/tools.js';
import { keepFailureEvidence, startStack, type Stack } from './stack.js';

vi.setConfig({ testTimeout: 90_000 });

const CARD = { number: '4111111111111111', expiry_month: 12, expiry_year: 2035, cvv: '123' };
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** What each language says where the English says it; the English must not appear on the other two. */
const SAID = {
  en: {
    headline: 'Card payments work on all 6 terminals',
    tabs: ['Status', 'Transactions', 'End of day', 'Reconciliation', 'Pair a terminal', 'Help'],
    ready: 'Ready',
    heading: 'Transactions',
    help: 'What to do when…',
    money: '$12.50',
  },
  de: {
    headline: 'Kartenzahlungen funktionieren an allen 6 Terminals',
    tabs: ['Status', 'Transaktionen', 'Tagesabschluss', 'Abgleich', 'Terminal koppeln', 'Hilfe'],
    ready: 'Bereit',
    heading: 'Transaktionen',
    help: 'Was tun, wenn …',
    money: '12,50 $',
  },
  tr: {
    headline: 'Kartlı ödemeler 6 terminalin hepsinde çalışıyor',
    tabs: ['Durum', 'İşlemler', 'Gün sonu', 'Mutabakat', 'Terminal eşleştir', 'Yardım'],
    ready: 'Hazır',
    heading: 'İşlemler',
    help: 'Şu durumda ne yapmalı…',
    money: '$12,50',
  },
} as const;
/** How long a page may take to load its first answers on two shared cores (a wait, not a measured time). */
const LOADED = { timeout: 20_000 };
const ENGLISH = /Card payments|Needs attention|Waiting to be sent|Nothing is|Ready|Amount held|What to do|Sign out/;

describeWithTool('chromium', 'the window in the staff’s language', () => {
  let stack: Stack;
  let browser: Browser;
  let usd = '';

  beforeAll(async () => {
    stack = await startStack();
    // A second browser, for contexts with a language of their own and nothing stored.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const r = await stack.api('POST', '/v1/preauths', {
      terminal_id: 'sandbox-payroc',
      amount: 1_250,
      currency: 'USD',
      reference: 'zimmer-12',
      card: CARD,
    });
    expect(r.status).toBe(201);
    usd = r.body.id;
    const eur = await stack.api('POST', '/v1/preauths', {
      terminal_id: 'sandbox-payroc',
      amount: 1_250,
      currency: 'EUR',
      reference: 'oda-7',
      card: CARD,
    });
    expect(eur.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach((ctx) =>
    keepFailureEvidence(
      stack,
      ctx,
      browser.contexts().flatMap((c) => c.pages()),
    ),
  );

  const tabs = (page: Page) => page.locator('nav[data-sections] a').allTextContents();
  /** To another page of the window as its tabs go there (the address's fragment), without a reload. */
  const go = (page: Page, hash: string) => page.evaluate((h) => void (location.hash = h), hash);
  /** Intl puts no-break spaces in "12,50 €" and "5:40 PM"; a person reads them as spaces. */
  const plain = (s: string | null) => s?.replace(/[\u00a0\u202f]/g, ' ');

  for (const lang of ['en', 'de', 'tr'] as const) {
    it(`shows Status, Transactions and Help in ${lang}`, async () => {
      const said = SAID[lang];
      const page = await stack.signedInPage('', { locale: lang });
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expect.poll(() => page.locator('header h1').textContent(), LOADED).toBe(said.headline);
      expect(await tabs(page)).toEqual(said.tabs);
      await expect.poll(() => page.locator('[data-terminal="sandbox-payroc"] .badge').textContent()).toBe(said.ready);
      await page.locator('#queue-h').waitFor();
      if (lang !== 'en') expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
      await stack.shot(page, `lang-status-${lang}`);

      await go(page, '#/transactions');
      await page.getByRole('heading', { name: said.heading }).waitFor();
      const row = page.locator(`[data-tx="${usd}"]`);
      await expect.poll(async () => plain(await row.locator('td.num').textContent()), LOADED).toBe(said.money);
      if (lang !== 'en') expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
      await stack.shot(page, `lang-transactions-${lang}`);

      await go(page, '#/help');
      await page.getByRole('heading', { name: said.help }).waitFor();
      await expect.poll(() => page.locator('[data-about="version"]').textContent(), LOADED).toBe(VERSION);
      expect(await page.locator('[data-about="data_dir"]').textContent()).toBe(stack.dataDir);
      expect(await page.locator('[data-about="log_file"]').textContent()).toBe(
        join(stack.dataDir, 'logs', 'posbridge.log'),
      );
      expect(await page.locator('article.topic').count()).toBe(6);
      if (lang !== 'en') expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
      await stack.shot(page, `lang-help-${lang}`);
      await page.close();
    });
  }

  it('switches every word at once with the switch, and keeps the choice after a reload', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(stack.loginLink());
    await page.locator('nav[data-sections]').waitFor();
    await expect.poll(() => page.locator('header h1').textContent(), LOADED).toBe(SAID.en.headline);
    await page.locator('select[data-language]').selectOption('tr');
    await expect.poll(() => page.locator('header h1').textContent(), LOADED).toBe(SAID.tr.headline);
    expect(await tabs(page)).toEqual(SAID.tr.tabs);
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
    await page.reload();
    await page.locator('nav[data-sections]').waitFor();
    await expect.poll(() => page.locator('header h1').textContent(), LOADED).toBe(SAID.tr.headline);
    expect(await page.locator('select[data-language]').inputValue()).toBe('tr');
    await page.locator('select[data-language]').selectOption('de');
    await expect.poll(() => tabs(page), LOADED).toEqual(SAID.de.tabs);
    await stack.shot(page, 'lang-switch-de');
    // Signed out, the page still speaks the chosen language, and has the switch.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.locator('[data-signed-out="signed_out"]').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Anmeldung nötig');
    expect(await page.locator('main').innerText()).toContain('Sie sind abgemeldet.');
    await stack.shot(page, 'lang-signed-out-de');
    await page.locator('select[data-language]').selectOption('en');
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Sign-in needed');
    await stack.shot(page, 'lang-signed-out-en');
    await context.close();
  });

  it('starts in German in a German browser with no choice stored, with money as "12,50 €"', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${stack.loginLink()}&view=/transactions`);
    await page.getByRole('heading', { name: 'Transaktionen' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('posbridge.locale'))).toBeNull();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const row = page.locator('table.tx tbody tr', { hasText: 'oda-7' });
    await expect.poll(async () => plain(await row.locator('td.num').textContent()), LOADED).toBe('12,50 €');
    // The day and the time zone, German style ("1. Dez. 2026, 17:40:12 UTC").
    expect(plain(await row.locator('td').first().textContent())).toMatch(/^\d{1,2}\. \S+ 20\d\d, \d\d:\d\d:\d\d \S+$/);
    expect(await row.locator('[data-state]').textContent()).toBe('Betrag reserviert');
    await stack.shot(page, 'lang-german-browser');
    await context.close();
  });

  it("starts in the desktop's language the tray passes in the link, until the switch is used", async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${stack.loginLink()}&lang=tr-TR`);
    await page.locator('nav[data-sections]').waitFor();
    await expect.poll(() => tabs(page), LOADED).toEqual(SAID.tr.tabs);
    expect(await page.evaluate(() => localStorage.getItem('posbridge.locale'))).toBeNull();
    await page.locator('select[data-language]').selectOption('de');
    await page.goto(`${stack.loginLink()}&lang=tr-TR`);
    await page.locator('nav[data-sections]').waitFor();
    await expect.poll(() => tabs(page), LOADED).toEqual(SAID.de.tabs);
    await context.close();
  });

  it('says a failing provider, and posbridge not running, in German from the problem codes', async () => {
    const page = await stack.signedInPage('', { locale: 'de' });
    await page.locator('[data-terminal="sandbox-payroc"]').waitFor();
    await stack.faults(
      'payroc',
      Array.from({ length: 100 }, () => ({ kind: 'http_500' })),
      { replace: true },
    );
    const sent = await stack.api(
      'POST',
      '/v1/preauths',
      { terminal_id: 'sandbox-payroc', amount: 4_200, currency: 'USD', reference: 'tisch-12', card: CARD },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(202);
    const card = page.locator('[data-terminal="sandbox-payroc"]');
    await expect.poll(() => card.locator('.badge').textContent(), { timeout: 20_000 }).toBe('Gestört');
    expect(await card.locator('.reach').textContent()).toBe('Payroc antwortet mit Fehlern');
    await expect.poll(() => page.locator('header h1').textContent()).toMatch(/^Payroc funktioniert für /);
    expect(await page.locator('header p').textContent()).toMatch(/^Payroc antwortet, aber mit Fehlern\. /);
    const alert = page.locator('[data-alert="status"][data-code="provider_failing"]');
    expect(await alert.textContent()).toMatch(/Payroc funktioniert für Payroc sandbox nicht/);
    expect(await page.locator('body').innerText()).not.toMatch(ENGLISH);
    await stack.shot(page, 'lang-provider-failing-de');
    await stack.faults('payroc', [], { replace: true });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/^(ready|busy)$/);

    await stack.killDaemon();
    await expect
      .poll(() => page.locator('header h1').textContent(), { timeout: 5_000, interval: 100 })
      .toBe('posbridge läuft nicht');
    expect(await page.locator('header p').textContent()).toMatch(/^Kartenzahlungen sind gerade nicht möglich\./);
    expect(await card.locator('.badge').textContent()).toBe('Unbekannt');
    await go(page, '#/help');
    await page.getByRole('heading', { name: 'Was tun, wenn …' }).waitFor();
    expect(await page.locator('[data-about="version"]').textContent()).toBe('Unbekannt, solange posbridge nicht läuft');
    await stack.shot(page, 'lang-not-running-de');
    await stack.restartDaemon();
    await expect.poll(() => page.locator('[data-about="version"]').textContent(), { timeout: 20_000 }).toBe(VERSION);
    await page.close();
  });
});
