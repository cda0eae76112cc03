import type { SecretBox } from '../../native/secret-box.js';
import type { SerialPortView } from '../../native/zvt-transport.js';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engine/engine.js';
import type { Intake } from '../engine/intake.js';
import type { Breakers } from '../engine/breakers.js';
import type { RemoteTerminals } from '../engine/remote-terminals.js';
import type { Logger } from '../logging.js';
import type { ArchiveLookup } from '../store/archive-lookup.js';
import type { Store } from '../store/store.js';
import type { SseHub } from './sse.js';

export interface ApiContext {
  /** Transactions that left the hot database (retention): found, read-only. */
  readonly archives: ArchiveLookup;
  readonly secrets: SecretBox;
  readonly store: Store;
  readonly engine: Engine;
  readonly intake: Intake;
  readonly breakers: Breakers;
  readonly remoteTerminals: RemoteTerminals;
  readonly config: Config;
  readonly version: string;
  /** Where the data folder and the log file are, for the Help page (absent where nobody set them). */
  readonly paths?: { readonly dataDir: string; readonly logFile: string | null };
  readonly log: Logger;
  readonly sse: SseHub;
  /** The serial ports of this PC (the pairing wizard lists them). */
  serialPorts(): Promise<SerialPortView[]>;
  /** False while shutting down: new work is refused with 503 shutting_down. */
  accepting(): boolean;
  /** Aborted at shutdown: requests waiting for an outcome answer at once with what is known. */
  readonly shutdown: AbortSignal;
}
