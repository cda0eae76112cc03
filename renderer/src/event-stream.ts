// The daemon's event stream read with fetch(), because EventSource cannot send the Authorization header
// that carries the window's session (and a credential in the URL would land in logs and history). It
// behaves as EventSource does: reconnects after the delay the stream asks for ("retry:"), resuming with
// Last-Event-ID so nothing sent during a drop is missed. A 401 ends it — the session is over, retrying
// cannot help — unless the credential changed meanwhile (a new sign-in in the same tab).
import { SseParser, type SseMessage } from './sse-parser.js';

export interface EventStreamOptions {
  /** Headers of every (re)connection: the credential, read afresh each time. */
  headers(): Record<string, string>;
  onOpen(): void;
  onMessage(message: SseMessage): void;
  /** The connection dropped or was refused; `status` is the HTTP status when there was an answer. */
  onError(status?: number): void;
  /** Until the stream says otherwise. EventSource's usual default. */
  retryMs?: number;
  /** The longest wait between tries, whatever the stream asks: the window must notice its daemon is back soon. */
  maxRetryMs?: number;
  /**
   * A connection that brings nothing (not even the daemon's heartbeat) for this long is treated as dropped,
   * answer or no answer: a frozen daemon keeps its socket open and would otherwise look alive forever.
   */
  silenceMs?: number;
}

export interface EventStream {
  close(): void;
}

export function openEventStream(url: string, o: EventStreamOptions): EventStream {
  const abort = new AbortController();
  let lastEventId = '';
  let retryMs = o.retryMs ?? 3_000;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });

  let sent = '';
  /** One connection, read to its end; the HTTP status when it was refused. */
  const connect = async (): Promise<number | undefined> => {
    const credential = o.headers();
    sent = JSON.stringify(credential);
    const connection = new AbortController();
    const stop = () => connection.abort();
    abort.signal.addEventListener('abort', stop, { once: true });
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      if (o.silenceMs === undefined) return;
      clearTimeout(silence);
      silence = setTimeout(stop, o.silenceMs);
    };
    heard();
    try {
      return await read(credential, connection.signal, heard);
    } finally {
      clearTimeout(silence);
      abort.signal.removeEventListener('abort', stop);
    }
  };

  const read = async (
    credential: Record<string, string>,
    signal: AbortSignal,
    heard: () => void,
  ): Promise<number | undefined> => {
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', ...credential, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      credentials: 'omit',
      signal,
    });
    if (res.status !== 200 || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel().catch(() => undefined);
      return res.status;
    }
    o.onOpen();
    const parser = new SseParser(lastEventId);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      heard();
      for (const message of parser.push(value)) {
        lastEventId = parser.lastEventId;
        o.onMessage(message);
      }
      lastEventId = parser.lastEventId;
      retryMs = Math.min(parser.retry ?? retryMs, o.maxRetryMs ?? Infinity);
    }
  };

  void (async () => {
    while (!abort.signal.aborted) {
      let status: number | undefined;
      try {
        status = await connect();
      } catch {
        status = undefined;
      }
      if (abort.signal.aborted) return;
      o.onError(status);
      if (status === 401 && JSON.stringify(o.headers()) === sent) return;
      await pause(retryMs);
    }
  })();

  return { close: () => abort.abort() };
}
