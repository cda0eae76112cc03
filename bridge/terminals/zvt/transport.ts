// What a ZVT session needs of a link to the terminal; the TCP socket and the serial line both provide it.
import type { EventEmitter } from 'node:events';

export interface ZvtTransport {
  send(apdu: Buffer): Promise<void>;
  /** 'apdu' (Buffer) for each message received, 'error' (Error), 'close'. */
  readonly events: EventEmitter;
  close(): Promise<void>;
  /**
   * Serial only: gives up the frame being sent and those queued (their sends reject), for a side that
   * learns the other stopped waiting for them; the terminal simulator uses it when a new command comes.
   */
  discardOutgoing?(): void;
}
