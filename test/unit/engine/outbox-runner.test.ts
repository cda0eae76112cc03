// The generic outbox runner with a fake scheduler: no sleeps, every timer it sets is inspected and fired
// by hand. It works its queue one item at a time in order, sleeps exactly until the next item is due,
// waits when the worker says so, survives a failing item, and aborts the one in flight at shutdown.
import { describe, expect, it } from 'vitest';
import {
  FAILURE_PAUSE_MS,
  OutboxRunner,
  type Admission,
  type OutboxQueue,
  type OutboxWorker,
  type Scheduler,
} from '../../../bridge/engine/outbox-runner.js';

interface Item {
  readonly id: string;
  dueAt: number;
  done?: boolean;
}

class FakeScheduler implements Scheduler {
  t = 1_000;
  timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): () => void {
    const timer = { at: this.t + Math.max(0, ms), fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
  /** The one live timer, if any. */
  pending() {
    return this.timers.filter((x) => !x.cancelled);
  }
  /** Moves time to the next live timer and fires it. */
  fireNext(): void {
    const next = this.pending().sort((a, b) => a.at - b.at)[0];
    if (!next) throw new Error('no timer set');
    next.cancelled = true;
    this.t = next.at;
    next.fn();
  }
}

function queueOf(items: Item[]): OutboxQueue<Item> {
  const open = () => items.filter((i) => !i.done);
  return {
    leased: () => undefined,
    nextDue: (now) => open().find((i) => i.dueAt <= now),
    nextDueAt: () => (open().length ? Math.min(...open().map((i) => i.dueAt)) : undefined),
  };
}

class Worker implements OutboxWorker<Item> {
  ran: string[] = [];
  admissions: Record<string, Admission[]> = {};
  failNext = false;
  gate: Promise<void> | undefined;
  aborted: Error | undefined;
  admit(item: Item): Admission {
    return this.admissions[item.id]?.shift() ?? { kind: 'run' };
  }
  async run(item: Item): Promise<void> {
    this.ran.push(item.id);
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    item.done = true;
  }
  abort(reason: Error): void {
    this.aborted = reason;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const silent = { error: () => {} };

describe('the outbox runner', () => {
  it('works due items one at a time, in order, then sleeps exactly until the next is due', async () => {
    const s = new FakeScheduler();
    const items: Item[] = [
      { id: 'a', dueAt: 0 },
      { id: 'b', dueAt: 500 },
      { id: 'c', dueAt: 5_000 },
    ];
    const w = new Worker();
    const runner = new OutboxRunner('lane', queueOf(items), w, s, silent);
    runner.wake();
    await flush();
    expect(w.ran).toEqual(['a', 'b']);
    expect(s.pending().map((x) => x.at)).toEqual([5_000]);
    s.fireNext();
    await flush();
    expect(w.ran).toEqual(['a', 'b', 'c']);
    expect(s.pending()).toEqual([]);
  });

  it('waits when the worker says so, and settles items the worker settled without running them', async () => {
    const s = new FakeScheduler();
    const items: Item[] = [
      { id: 'a', dueAt: 0 },
      { id: 'b', dueAt: 0 },
    ];
    const w = new Worker();
    w.admissions = { a: [{ kind: 'wait', until: 31_000 }], b: [] };
    const runner = new OutboxRunner('lane', queueOf(items), w, s, silent);
    runner.wake();
    await flush();
    expect(w.ran).toEqual([]); // the head waits and the lane keeps its order: b does not overtake a
    expect(s.pending().map((x) => x.at)).toEqual([31_000]);
    s.fireNext();
    await flush();
    expect(w.ran).toEqual(['a', 'b']);

    const settled: Item[] = [{ id: 'x', dueAt: 0 }];
    const w2 = new Worker();
    w2.admit = (item) => {
      item.done = true;
      return { kind: 'settled' };
    };
    new OutboxRunner('lane2', queueOf(settled), w2, s, silent).wake();
    await flush();
    expect(w2.ran).toEqual([]);
    expect(settled[0]!.done).toBe(true);
  });

  it('pauses after a failing item and tries it again, never taking the lane down', async () => {
    const s = new FakeScheduler();
    const items: Item[] = [{ id: 'a', dueAt: 0 }];
    const w = new Worker();
    w.failNext = true;
    const errors: object[] = [];
    const runner = new OutboxRunner('lane', queueOf(items), w, s, { error: (o) => errors.push(o) });
    runner.wake();
    await flush();
    expect(errors).toHaveLength(1);
    expect(s.pending().map((x) => x.at)).toEqual([1_000 + FAILURE_PAUSE_MS]);
    s.fireNext();
    await flush();
    expect(w.ran).toEqual(['a', 'a']);
    expect(items[0]!.done).toBe(true);
  });

  it('runs again for work that arrived while it was busy, and does not run twice at once', async () => {
    const s = new FakeScheduler();
    const items: Item[] = [{ id: 'a', dueAt: 0 }];
    const w = new Worker();
    let release!: () => void;
    w.gate = new Promise((resolve) => {
      release = resolve;
    });
    const runner = new OutboxRunner('lane', queueOf(items), w, s, silent);
    runner.wake();
    items.push({ id: 'b', dueAt: 0 });
    runner.wake(); // busy: remembered, not a second loop
    runner.wake();
    expect(runner.busy).toBe(true);
    w.gate = undefined;
    release();
    await flush();
    await flush();
    expect(w.ran).toEqual(['a', 'b']);
    expect(runner.busy).toBe(false);
  });

  it('at shutdown gives the item in flight its grace, then aborts it, and takes no more work', async () => {
    const s = new FakeScheduler();
    const items: Item[] = [
      { id: 'a', dueAt: 0 },
      { id: 'b', dueAt: 0 },
    ];
    const w = new Worker();
    let release!: () => void;
    w.gate = new Promise((resolve) => {
      release = resolve;
    });
    const runner = new OutboxRunner('lane', queueOf(items), w, s, silent);
    runner.wake();
    const stopped = runner.stop(10_000);
    expect(s.pending().map((x) => x.at)).toEqual([11_000]);
    s.fireNext();
    expect(w.aborted?.message).toMatch(/shutting down/);
    release();
    await stopped;
    expect(w.ran).toEqual(['a']);
    runner.wake();
    await flush();
    expect(w.ran).toEqual(['a']);
  });
});
