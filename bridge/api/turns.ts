// Turns of the event loop shared by every event stream: one waiter runs per turn. N streams that catch
// up on a long log then hold up other requests (health, preauths) by one page between two turns, not by
// N pages, as they would if each yielded on its own (setImmediate callbacks of one turn run together).
export class Turns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** Resolves on a later turn of the event loop, after those who asked before. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()!();
      // Scheduled from inside a turn, so it runs on the next one, after the I/O that waits.
      this.schedule();
    });
  }
}
