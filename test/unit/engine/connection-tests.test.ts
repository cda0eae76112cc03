// The connection tests kept for the pairing wizard: steps readable while the test runs, one test per
// terminal (asking again joins it), the report kept once done, nothing kept for a removed terminal.
import { describe, expect, it } from 'vitest';
import type { TerminalTest, TestStep } from '../../../bridge/core/channel.js';
import { ConnectionTests } from '../../../bridge/engine/connection-tests.js';

const step = (name: string, state: TestStep['state']): TestStep => ({
  step: name,
  state,
  detail: '',
  error_code: null,
  result_code: null,
});
const report: TerminalTest = { terminal_id: 't', ok: true, steps: [], terminal: null };

describe('connection tests', () => {
  it('shows each step as reported, then the report; a second start while running joins the first', async () => {
    const tests = new ConnectionTests(() => new Date('2026-12-01T17:00:00Z'));
    let report1!: (steps: readonly TestStep[]) => void;
    let finish!: (r: TerminalTest) => void;
    let runs = 0;
    const run = (onStep: (steps: readonly TestStep[]) => void) => {
      runs++;
      report1 = onStep;
      return new Promise<TerminalTest>((resolve) => (finish = resolve));
    };
    const first = tests.start('t', run);
    await Promise.resolve();
    report1([step('connect', 'running')]);
    expect(tests.get('t')).toMatchObject({
      state: 'running',
      started_at: '2026-12-01T17:00:00.000Z',
      steps: [{ step: 'connect', state: 'running' }],
    });
    expect(tests.start('t', run).done).toBe(first.done);
    report1([step('connect', 'ok'), step('registration', 'running')]);
    finish(report);
    await first.done;
    await Promise.resolve();
    expect(runs).toBe(1);
    expect(tests.get('t')).toMatchObject({ state: 'done', result: report, steps: [{ state: 'ok' }, {}] });
    // Once done, a new start is a new test.
    tests.start('t', async () => report);
    expect(tests.get('t')).toMatchObject({ state: 'running', steps: [] });
  });

  it('a test that throws leaves nothing behind; forget drops a finished one', async () => {
    const tests = new ConnectionTests();
    const t = tests.start('gone', () => Promise.reject(new Error('No terminal with id gone')));
    await expect(t.done).rejects.toThrow('No terminal');
    await Promise.resolve();
    expect(tests.get('gone')).toBeUndefined();
    await tests.start('x', async () => report).done;
    tests.forget('x');
    expect(tests.get('x')).toBeUndefined();
  });
});
