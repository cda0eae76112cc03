// The connection tests the pairing wizard runs, kept while they run and after, so the wizard can show each
// step live (GET /v1/terminals/:id/test) instead of waiting blind for the whole test. In memory only: a
// test is a look at the terminal now, not state to keep across a restart. One test per terminal at a time
// (its commands queue on the one connection anyway); asking again while one runs joins it.
import type { TerminalTest, TestStep } from '../core/channel.js';

export interface ConnectionTestView {
  readonly terminal_id: string;
  readonly state: 'running' | 'done';
  readonly started_at: string;
  readonly steps: readonly TestStep[];
  /** The whole report once the test has ended. */
  readonly result: TerminalTest | null;
}

interface Entry {
  view: ConnectionTestView;
  readonly done: Promise<TerminalTest>;
}

export class ConnectionTests {
  private readonly tests = new Map<string, Entry>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Starts a test (or joins the one running): `run` reports its steps through the callback it is given. */
  start(
    terminalId: string,
    run: (onStep: (steps: readonly TestStep[]) => void) => Promise<TerminalTest>,
  ): { view: ConnectionTestView; done: Promise<TerminalTest> } {
    const running = this.tests.get(terminalId);
    if (running?.view.state === 'running') return running;
    const entry: Entry = {
      view: {
        terminal_id: terminalId,
        state: 'running',
        started_at: this.now().toISOString(),
        steps: [],
        result: null,
      },
      done: Promise.resolve().then(() =>
        run((steps) => {
          if (this.tests.get(terminalId) === entry) entry.view = { ...entry.view, steps };
        }),
      ),
    };
    this.tests.set(terminalId, entry);
    entry.done.then(
      (result) => {
        if (this.tests.get(terminalId) === entry) entry.view = { ...entry.view, state: 'done', result };
      },
      // A test that threw (the terminal removed meanwhile) leaves no view behind: the caller has the error.
      () => {
        if (this.tests.get(terminalId) === entry) this.tests.delete(terminalId);
      },
    );
    return entry;
  }

  get(terminalId: string): ConnectionTestView | undefined {
    return this.tests.get(terminalId)?.view;
  }

  /** The terminal was removed: its old test says nothing about a new terminal under the same id. */
  forget(terminalId: string): void {
    this.tests.delete(terminalId);
  }
}
