// One client's event stream. It replays the log in pages, then follows live events, and never holds
// more than the socket's high-water mark plus one event (and one page read from SQLite) in memory:
// when the socket pushes back, it stops writing, waits for 'drain' and reads on from the log. So live
// events that arrive meanwhile wait in SQLite, not in memory, and none is lost or sent twice: the log
// is ordered by seq and the cursor is the last seq written. A client that takes nothing for
// `stall_ms` is dropped; it resumes with Last-Event-ID (EventSource does, after `retry:`).
import type { ServerResponse } from 'node:http';
import type { Config } from '../config/schema.js';
import type { BridgeEvent } from '../store/events.js';

export type StreamLimits = Pick<Config['event_stream'], 'page_size' | 'stall_ms' | 'max_buffered_bytes'>;

export type DropReason = 'stalled' | 'buffer_full';

export interface Drop {
  readonly reason: DropReason;
  /** The last seq written to the socket (not necessarily read by the client). */
  readonly sentThrough: number;
  readonly bufferedBytes: number;
}

export interface EventLogReader {
  since(seq: number, limit: number): BridgeEvent[];
}

export function formatSse(e: BridgeEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

export class EventStream {
  private cursor: number;
  private live = false;
  private closed = false;
  private needDrain = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  /** What is left of the page last read: it is written before the log is read again. */
  private page: BridgeEvent[] = [];
  private next = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly source: EventLogReader,
    since: number,
    private readonly limits: StreamLimits,
    private readonly onDrop: (drop: Drop) => void,
    private readonly onError: (err: unknown) => void,
    private readonly nextTurn: () => Promise<void>,
  ) {
    this.cursor = since;
    res.on('drain', () => this.drained());
    // A write on a connection that broke; nothing more is written once the stream is closed.
    res.on('error', () => this.close());
  }

  start(): void {
    this.write('retry: 2000\n\n');
    void this.catchUp();
  }

  /** A committed event, as the store publishes it. While catching up, the log has it already. */
  offer(e: BridgeEvent): void {
    if (!this.live || e.seq <= this.cursor) return;
    if (e.seq === this.cursor + 1) {
      this.send(e);
      if (!this.needDrain) return;
    }
    // The socket pushes back, or this is not the next event (published out of order, a seq skipped):
    // read on from the log, which has them all in order.
    if (this.closed) return;
    this.live = false;
    void this.catchUp();
  }

  heartbeat(): void {
    if (this.live && !this.needDrain) this.write(': keep-alive\n\n');
  }

  /** The socket is gone or the hub closes it: stop at once, release the timer and the page. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.stallTimer);
    this.page = [];
    this.wake?.();
  }

  /** The daemon stops: finish the response, so a client sees the stream end rather than break. */
  end(): void {
    this.close();
    this.res.end();
  }

  private async catchUp(): Promise<void> {
    try {
      for (;;) {
        // Between two pages the event loop serves everyone else (health, preauths, other streams).
        if (this.needDrain)
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
        else await this.nextTurn();
        this.wake = undefined;
        if (this.closed) return;
        let read = false;
        if (this.next >= this.page.length) {
          this.page = this.source.since(this.cursor, this.limits.page_size);
          this.next = 0;
          read = true;
        }
        while (this.next < this.page.length && !this.needDrain && !this.closed) this.send(this.page[this.next++]!);
        if (this.closed) return;
        // Caught up: the log had no more than this, all of it was written, and no await since the read,
        // so every later event is still to be published and reaches offer().
        if (read && this.page.length < this.limits.page_size && this.next === this.page.length && !this.needDrain) {
          this.page = [];
          this.live = true;
          return;
        }
      }
    } catch (err) {
      if (this.closed) return;
      this.close();
      this.res.destroy();
      this.onError(err);
    }
  }

  private send(e: BridgeEvent): void {
    this.cursor = e.seq;
    this.write(formatSse(e));
  }

  private write(chunk: string): void {
    if (this.closed || this.res.destroyed || this.res.writableEnded) return;
    const accepted = this.res.write(chunk);
    if (this.res.writableLength > this.limits.max_buffered_bytes) {
      this.drop('buffer_full');
      return;
    }
    if (!accepted && !this.needDrain) {
      this.needDrain = true;
      this.stallTimer = setTimeout(() => this.drop('stalled'), this.limits.stall_ms);
      this.stallTimer.unref();
    }
  }

  private drained(): void {
    this.needDrain = false;
    clearTimeout(this.stallTimer);
    this.wake?.();
  }

  private drop(reason: DropReason): void {
    if (this.closed) return;
    const drop = { reason, sentThrough: this.cursor, bufferedBytes: this.res.writableLength };
    this.close();
    // destroy, not end: end() would wait for the client to read what is buffered, which it does not.
    this.res.destroy();
    this.onDrop(drop);
  }
}
