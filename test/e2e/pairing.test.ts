// A field technician pairs terminals alone, in a real browser against `posbridge start --sandbox`: a ZVT
// terminal on a serial port the scan does not list (a socat pty pair, the ZVT simulator on its far end)
// typed in by hand with its ECR password and profile, each step of the test watched live; a cable nobody
// answers on and a network terminal that refuses the connection, each with advice for that transport; and
// the provider picker starting each provider at its own currency. In English and in German, screenshots of
// every step.
import { createServer, type AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { startZvtSerialSimulator, type RunningZvtSimulator } from '../../bridge/sandbox/zvt/server.js';
import { ZVT_TERMINAL_ID } from '../../bridge/sandbox/zvt/terminal.js';
import { tableOf } from '../../renderer/src/i18n/catalogue.js';
import { pairWords } from '../../renderer/src/i18n/pairing.js';
import { testPaymentWords } from '../../renderer/src/i18n/test-transaction.js';
import { ptyPair, type PtyPair } from '../helpers/socat.js';
import { tempDir } from '../helpers/tmp.js';
import { describeWithTool } from '../helpers/tools.js';
import { keepFailureEvidence, startStack, type Stack } from './stack.js';

// The unanswered cable takes the link layer's three T2 waits (15 s) per language.
vi.setConfig({ testTimeout: 90_000 });

const LOCALES = ['en', 'de'] as const;
const words = (l: (typeof LOCALES)[number]) => tableOf(pairWords, l);

describeWithTool('chromium', 'pairing terminals in the window without help', () => {
  const tmp = tempDir();
  let stack: Stack;
  let cable: PtyPair;
  let silent: PtyPair;
  let sim: RunningZvtSimulator;
  let closedPort: number;

  beforeAll(async () => {
    stack = await startStack();
    cable = await ptyPair(tmp.dir, 'cable');
    silent = await ptyPair(tmp.dir, 'silent');
    sim = await startZvtSerialSimulator(cable.b, { cardMs: 300 });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
    cable?.close();
    silent?.close();
    tmp.cleanup();
  });
  afterEach((ctx) => keepFailureEvidence(stack, ctx));

  async function open(locale: (typeof LOCALES)[number], kind: string): Promise<Page> {
    const page = await stack.signedInPage('#/pair', { locale });
    await page.locator(`button[data-kind="${kind}"]`).click();
    return page;
  }

  /** Up to the saved terminal's details: name, ECR password, profile; then Save. */
  async function fillZvtDetails(page: Page, l: (typeof LOCALES)[number], name: string, shot?: string) {
    const w = words(l);
    await page.getByLabel(w.nameLabel).fill(name);
    expect(await page.locator('select[name="currency"]').inputValue()).toBe('EUR');
    expect(await page.locator('input[name="password"]').inputValue()).toBe('000000');
    await page.locator('input[name="password"]').fill('123456');
    await page.locator('input[name="profile"][value="card_complete"]').check();
    // Each profile is explained in one sentence the technician can act on.
    for (const text of [w.profileSpecText, w.profileCardCompleteText, w.profileFeigText])
      await page.getByText(text).waitFor();
    if (shot) await stack.shot(page, shot);
    await page.getByRole('button', { name: w.save }).click();
  }

  it('pairs a serial terminal through a port typed in by hand, with password and profile, watching each step', async () => {
    for (const l of LOCALES) {
      const w = words(l);
      const id = `counter-${l}`;
      const page = await open(l, 'zvt-serial');
      await page.getByRole('button', { name: w.scan }).click();
      // Nothing to pick (or no scan at all on a PC without udevadm): the words say to type the port in.
      await page.getByText(w.noPorts).or(page.getByText(w.scanFailed)).waitFor();
      // The scan cannot list a socat pty: the port is typed in. A typo is caught before anything is sent.
      await page.locator('input[name="port"]').fill('ttyUSB0');
      await page.getByRole('button', { name: w.usePort }).click();
      await page.getByText(w.manualBad).waitFor();
      await stack.shot(page, `pairing-port-manual-${l}`);
      await page.locator('input[name="port"]').fill(cable.a);
      await page.getByRole('button', { name: w.usePort }).click();
      await fillZvtDetails(page, l, `Counter ${l}`, `pairing-zvt-details-${l}`);

      // The steps as the daemon reports them, each done in turn, then what the terminal said about itself.
      await page.getByText(w.savedAs(`Counter ${l}`, id)).waitFor({ timeout: 20_000 });
      const steps = await page
        .locator('.pair-steps .step[data-step]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-step-state')]));
      expect(steps).toEqual([
        ['connect', 'ok'],
        ['registration', 'ok'],
        ['terminal_answer', 'ok'],
        ['status_enquiry', 'ok'],
      ]);
      const shown = await page.locator('.pair-steps').innerText();
      expect(shown).toContain(w.stepConnectSerial(cable.a));
      expect(shown).toContain(w.stepRegistration);
      expect(shown).toContain(w.answered(ZVT_TERMINAL_ID, '').slice(0, -1));
      // The registration on the line carried the password typed in.
      expect(sim.terminal.lastRegistration?.password).toBe('123456');
      await stack.shot(page, `pairing-zvt-serial-steps-${l}`);

      const tw = tableOf(testPaymentWords, l);
      await page.getByRole('button', { name: tw.run }).click();
      await page.getByText(tw.works).waitFor({ timeout: 30_000 });
      const tx = await page
        .locator('.test-tx .step')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-state')));
      expect(tx).toEqual(['ok', 'ok', 'ok']);
      await stack.shot(page, `pairing-zvt-serial-test-payment-${l}`);

      const listed = (await stack.api('GET', '/v1/terminals')).body.data.find((t: { id: string }) => t.id === id);
      expect(listed?.state).toBe('ready');
      // Free the port for the next language's terminal.
      expect((await stack.api('DELETE', `/v1/terminals/${id}`)).status).toBe(204);
      await page.close();
    }
  });

  it('a cable nobody answers on shows the registration step running, then cable advice', async () => {
    for (const l of LOCALES) {
      const w = words(l);
      const page = await open(l, 'zvt-serial');
      await page.locator('input[name="port"]').fill(silent.a);
      await page.getByRole('button', { name: w.usePort }).click();
      await fillZvtDetails(page, l, `Silent ${l}`);
      // Not a static "Saving…": the step the wizard waits on is shown while it waits.
      await page.locator('.step[data-step="registration"][data-step-state="running"]').waitFor({ timeout: 10_000 });
      expect(await page.locator('.step[data-step="connect"]').getAttribute('data-step-state')).toBe('ok');
      await stack.shot(page, `pairing-zvt-serial-waiting-${l}`);
      await page.locator('.step[data-step="registration"][data-step-state="failed"]').waitFor({ timeout: 30_000 });
      const advice = await page.locator('.step[data-step="registration"] .advice').innerText();
      expect(advice).toBe(w.cableNoAck);
      expect(await page.locator('body').innerText()).not.toMatch(/T2|acknowledge|ECONN/);
      await stack.shot(page, `pairing-zvt-serial-no-answer-${l}`);
      // Back to the settings: the terminal is removed so it can be saved again with another port.
      await page.getByRole('button', { name: w.changeSettings }).click();
      await page.locator('input[name="port"]').waitFor();
      expect(await page.locator('input[name="port"]').inputValue()).toBe(silent.a);
      const ids = (await stack.api('GET', '/v1/terminals')).body.data.map((t: { id: string }) => t.id);
      expect(ids).not.toContain(`silent-${l}`);
      await page.close();
    }
  });

  it('a network terminal that refuses the connection gets network advice, not cable advice', async () => {
    for (const l of LOCALES) {
      const w = words(l);
      const page = await open(l, 'zvt-tcp');
      await page.getByLabel(w.addressLabel).fill(`127.0.0.1:${closedPort}`);
      await page.getByRole('button', { name: w.next }).click();
      await page.getByLabel(w.nameLabel).fill(`Back room ${l}`);
      await page.getByRole('button', { name: w.save }).click();
      await page.locator('.step[data-step="connect"][data-step-state="failed"]').waitFor({ timeout: 15_000 });
      const advice = await page.locator('.step[data-step="connect"] .advice').innerText();
      expect(advice).toBe(w.netRefused(`127.0.0.1:${closedPort}`));
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/ECONNREFUSED|cable|Kabel/);
      await stack.shot(page, `pairing-zvt-tcp-refused-${l}`);
      await stack.api('DELETE', `/v1/terminals/back-room-${l}`);
      await page.close();
    }
  });

  it('starts each provider at its own currency: Blink GBP, Payroc USD, Lab4Pay and ZVT EUR', async () => {
    for (const l of LOCALES) {
      const w = words(l);
      const blink = await open(l, 'blink');
      await blink.getByRole('button', { name: w.getList }).click();
      await blink.locator('.choices .choice').first().click();
      await blink.getByLabel(w.nameLabel).waitFor();
      expect(await blink.locator('select[name="currency"]').inputValue()).toBe('GBP');
      await blink.getByText(w.currencyDefault('Blink', 'GBP')).waitFor();
      await stack.shot(blink, `pairing-blink-currency-${l}`);
      await blink.close();

      const payroc = await open(l, 'payroc');
      await payroc.getByLabel(w.payrocLabel).fill('1234001');
      await payroc.getByRole('button', { name: w.next }).click();
      expect(await payroc.locator('select[name="currency"]').inputValue()).toBe('USD');
      await payroc.close();

      const lab4pay = await open(l, 'lab4pay');
      expect(await lab4pay.locator('select[name="currency"]').inputValue()).toBe('EUR');
      await lab4pay.close();
    }
  });
});
