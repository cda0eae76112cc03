// What a ZVT session needs of a link to the terminal; the TCP socket and the serial line both provide it.
import type { EventEmitter } from 'node:events';

export interface ZvtTransport {
  send(apdu: Buffer): Promise<void>;
  /** 'apdu' (Buffer) for each message received, 'error' (Error), 'close'. */
  readonly events: EventEmitter;
  close(): Promise<void>;
}
