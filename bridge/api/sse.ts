// Server-sent events of every committed event. A client resumes with Last-Event-ID (or ?since=)
// and first receives what it missed from the event log, then live events.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BridgeEvent } from '../store/events.js';
import type { Store } from '../store/store.js';

export function formatSse(e: BridgeEvent): string {
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

export class SseHub {
  private readonly streams = new Set<FastifyReply>();

  constructor(private readonly store: Store, private readonly heartbeatMs = 15_000) {}

  open(request: FastifyRequest, reply: FastifyReply, since: number): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    // Live events are buffered while the backlog is written, so nothing falls between the two.
    let last = since;
    const write = (e: BridgeEvent) => {
      if (e.seq <= last) return;
      last = e.seq;
      res.write(formatSse(e));
    };
    const onEvent = (e: BridgeEvent) => write(e);
    this.store.bus.on('event', onEvent);
    for (let batch = this.store.events.since(last); batch.length > 0; batch = this.store.events.since(last)) {
      batch.forEach(write);
    }
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), this.heartbeatMs);
    heartbeat.unref?.();
    this.streams.add(reply);
    const close = () => {
      clearInterval(heartbeat);
      this.store.bus.off('event', onEvent);
      this.streams.delete(reply);
    };
    request.raw.on('close', close);
    res.on('close', close);
  }

  closeAll(): void {
    for (const reply of this.streams) reply.raw.end();
    this.streams.clear();
  }
}
