// The End of day page in a real browser against `posbridge start --sandbox` and a ZVT terminal simulator
// on TCP: the day's summary per terminal and currency, the open holds linked to their pages, the
// terminal's End-of-Day (06 50) run from the window with its confirmation, totals and receipt, and a
// booking the terminal "forgot" (the simulator's test control) shown as a difference. English and German.
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { startZvtTcpSimulator, type RunningZvtTcpSimulator } from '../../bridge/sandbox/zvt/server.js';
import { describeWithTool } from '../helpers/tools.js';
import { keepFailureEvidence, startStack, type Stack } from './stack.js';

vi.setConfig({ testTimeout: 90_000 });

describeWithTool('chromium', 'the End of day page in a real browser', () => {
  let stack: Stack;
  let zvt: RunningZvtTcpSimulator;

  beforeAll(async () => {
    stack = await startStack();
    zvt = await startZvtTcpSimulator(0, { cardMs: 100 });
    const r = await stack.api('POST', '/v1/terminals', {
      id: 'till',
      kind: 'zvt',
      name: 'Till 1',
      currency: 'EUR',
      transport: { type: 'tcp', host: '127.0.0.1', port: zvt.port },
    });
    if (r.status !== 201) throw new Error(`could not add the ZVT terminal: ${r.text}`);
  }, 60_000);
  afterAll(async () => {
    await zvt?.close();
    await stack?.close();
  });
  afterEach((ctx) => keepFailureEvidence(stack, ctx));

  async function charge(reference: string, amount: number): Promise<string> {
    const r = await stack.api('POST', '/v1/preauths', { terminal_id: 'till', amount, currency: 'EUR', reference });
    expect(r.status).toBe(201);
    const c = await stack.api('POST', `/v1/preauths/${r.body.id}/capture`, {});
    expect(c.body.state).toBe('captured');
    return r.body.id as string;
  }

  it("shows the day per terminal, the open holds with links, and runs the terminal's end of day (English)", async () => {
    await charge('table-4', 2_350);
    await charge('table-7', 1_200);
    const open = await stack.api('POST', '/v1/preauths', {
      terminal_id: 'till',
      amount: 8_000,
      currency: 'EUR',
      reference: 'room-12',
    });
    expect(open.body.state).toBe('authorized');

    const page = await stack.signedInPage('#/end-of-day');
    const row = page.locator('.eod-summary tr[data-terminal="till"]');
    await row.waitFor();
    expect(await row.locator('[data-bucket="captured"]').innerText()).toBe('2 × €35.50');
    expect(await row.locator('[data-bucket="still_open"]').innerText()).toBe('1 × €80.00');
    expect(await row.locator('[data-bucket="authorised"]').getAttribute('data-amount')).toBe('11550');
    expect(await page.locator('.eod-holds h3').innerText()).toBe('Holds open for more than 24 hours');
    await page.getByLabel('Show every open hold').check();
    const hold = page.locator(`[data-hold="${open.body.id as string}"]`);
    await hold.waitFor();
    // Terminal names come from GET /v1/terminals, which may answer after the day's summary.
    await expect.poll(() => hold.innerText()).toMatch(/room-12.*Till 1.*672559\*+1234.*€80\.00.*Charge or release/s);

    const till = page.locator('.eod-terminal[data-terminal="till"]');
    expect(await till.innerText()).toContain('No end of day run from posbridge yet.');
    await till.getByRole('button', { name: 'Run end of day' }).click();
    await till.getByRole('alertdialog').waitFor();
    await expect.poll(() => till.getByRole('alertdialog').innerText()).toContain('Run the end of day on Till 1 now?');
    await stack.shot(page, 'end-of-day-confirm-en');
    // The host transfer takes a while at a real terminal: the window shows that it runs meanwhile.
    zvt.terminal.hostMs = 2_000;
    await till.getByRole('button', { name: 'Yes, run it' }).click();
    await page
      .locator('.eod-terminal[data-terminal="till"][data-phase="running"] .eod-running', {
        hasText: 'sending the day to its bank',
      })
      .waitFor();
    await stack.shot(page, 'end-of-day-running-en');
    const result = till.locator('.eod-result[data-outcome="closed"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.locator('.eod-outcome').innerText()).toBe("Day closed. The terminal's totals match posbridge.");
    expect(await result.getAttribute('class')).toContain('tone-ok');
    expect(await result.locator('.eod-totals tfoot').innerText()).toMatch(/Total\s+2\s+€35\.50/);
    expect(await result.locator('.eod-receipt pre').innerText()).toContain('Kassenschnitt');
    expect(zvt.terminal.batch()).toEqual([]);
    expect(await row.locator('[data-bucket="declined"]').innerText()).toBe('—');
    await stack.shot(page, 'end-of-day-closed-en');

    // The link of the open hold leads to the transaction's page, where it is charged or released.
    await hold.getByRole('link', { name: 'Charge or release' }).click();
    await page.waitForURL(/#\/transactions\//);
    await page.getByText('room-12').first().waitFor();
    await page.close();
  });

  it('shows a booking the terminal lost as a difference, never as agreement (German, then English)', async () => {
    await charge('tisch-2', 990);
    await charge('tisch-9', 4_510);
    // Test control of the simulator, not terminal behaviour: its last booking is left out of its totals.
    expect(zvt.terminal.forgetLastBooking()?.booked).toBe(4_510);

    const page = await stack.signedInPage('#/end-of-day', { locale: 'de' });
    const till = page.locator('.eod-terminal[data-terminal="till"]');
    await till.waitFor();
    expect(await page.locator('.eod-summary thead').innerText()).toMatch(/Gebucht.*Freigegeben.*Noch offen/s);
    expect(await page.locator('.eod-summary tr[data-terminal="till"] [data-bucket="captured"]').innerText()).toBe(
      '4 × 90,50\u00a0€',
    );
    await till.getByRole('button', { name: 'Tagesabschluss starten' }).click();
    await stack.shot(page, 'end-of-day-confirm-de');
    await till.getByRole('button', { name: 'Ja, starten' }).click();
    await page.locator('.eod-terminal[data-terminal="till"][data-phase="running"] .eod-running').waitFor();
    await stack.shot(page, 'end-of-day-running-de');
    const result = till.locator('.eod-result[data-outcome="closed"][data-differences="2"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('class')).toContain('tone-degraded');
    expect(await result.locator('.eod-outcome').innerText()).toMatch(/weichen von posbridge ab/);
    expect(await result.locator('.eod-differences li').allInnerTexts()).toEqual([
      'Anzahl Buchungen: posbridge 2, Terminal 1',
      'Gebuchter Betrag: posbridge 55,00\u00a0€, Terminal 9,90\u00a0€',
    ]);
    await stack.shot(page, 'end-of-day-differences-de');

    // Stored and raised: the API has the run with its differences, the event log the differences.
    const runs = (await stack.api('GET', '/v1/terminals/till/end-of-day')).body.data as { differences: unknown[] }[];
    expect(runs[0]!.differences).toHaveLength(2);

    const en = await stack.signedInPage('#/end-of-day');
    const last = en.locator('.eod-terminal[data-terminal="till"] .eod-result');
    await last.waitFor();
    expect(await last.locator('.eod-differences li').allInnerTexts()).toEqual([
      'Number of charges: posbridge 2, terminal 1',
      'Amount charged: posbridge €55.00, terminal €9.90',
    ]);
    await stack.shot(en, 'end-of-day-differences-en');
    await page.close();
    await en.close();
  });
});
