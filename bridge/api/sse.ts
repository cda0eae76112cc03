// Server-sent events of every committed event. A client resumes with Last-Event-ID (or ?since=)
// and first receives what it missed from the event log, then live events. The hub bounds how many
// streams are open; each stream (event-stream.ts) bounds what it holds in memory.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { BridgeEvent } from '../store/events.js';
import type { Store } from '../store/store.js';
import { EventStream } from './event-stream.js';
import { Turns } from './turns.js';

export { formatSse } from './event-stream.js';

/**
 * A comment line this often on every stream. Beyond keeping proxies from closing an idle stream, it is
 * how a reader tells a frozen daemon (its socket still open, nothing coming) from a quiet one: the
 * status window treats a few missed heartbeats as "posbridge is not running".
 */
export const HEARTBEAT_MS = 2_000;

export class SseHub {
  private readonly streams = new Set<EventStream>();
  private opened = 0;
  private readonly turns = new Turns();

  constructor(
    private readonly store: Store,
    readonly limits: Config['event_stream'],
    private readonly log: Logger,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Starts a stream, or returns false (and leaves the reply alone) when max_streams are open. */
  open(request: FastifyRequest, reply: FastifyReply, since: number): boolean {
    if (this.streams.size >= this.limits.max_streams) return false;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const id = ++this.opened;
    const remotePort = request.socket.remotePort;
    const stream = new EventStream(
      res,
      this.store.events,
      since,
      this.limits,
      (drop) =>
        this.log.warn(
          {
            stream: id,
            remote_port: remotePort,
            reason: drop.reason,
            sent_through_seq: drop.sentThrough,
            buffered_bytes: drop.bufferedBytes,
          },
          'event stream closed: its client does not take what is sent; it can resume with Last-Event-ID',
        ),
      (err) => this.log.error({ err, stream: id }, 'event stream failed'),
      () => this.turns.next(),
    );
    const onEvent = (e: BridgeEvent) => stream.offer(e);
    this.store.bus.on('event', onEvent);
    const heartbeat = setInterval(() => stream.heartbeat(), this.heartbeatMs);
    heartbeat.unref();
    this.streams.add(stream);
    const close = () => {
      clearInterval(heartbeat);
      this.store.bus.off('event', onEvent);
      stream.close();
      this.streams.delete(stream);
    };
    request.raw.on('close', close);
    res.on('close', close);
    stream.start();
    return true;
  }

  closeAll(): void {
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
