// The payment channel of every provider the config names: each cloud provider's connector with its own
// HTTP executor (whose every exchange feeds the provider's breaker), and the ZVT terminals' driver.
import { openZvtTransport } from '../../native/zvt-transport.js';
import type { Config } from '../config/schema.js';
import type { PaymentChannel } from '../core/channel.js';
import type { Clock } from '../core/clock.js';
import type { Breakers } from '../engine/breakers.js';
import { HttpChannel } from '../engine/http-channel.js';
import { HttpExecutor } from '../engine/http-executor.js';
import type { Logger } from '../logging.js';
import type { Store } from '../store/store.js';
import { ZvtChannel } from '../terminals/zvt/channel.js';
import { zvtDriver } from '../terminals/zvt/link-events.js';
import { buildProviders } from './providers.js';

export interface Channels {
  readonly byProvider: ReadonlyMap<string, PaymentChannel>;
  /** The ZVT terminals' channel, when the config has them: it has work of its own at start. */
  readonly zvt: ZvtChannel | undefined;
  /** The longest a cloud request can take (connect and answer timeouts): leases are sized from it. */
  readonly slowestMs: number;
}

export function buildChannels(config: Config, store: Store, clock: Clock, log: Logger, breakers: Breakers): Channels {
  const byProvider = new Map<string, PaymentChannel>();
  let slowestMs = 0;
  for (const [name, s] of buildProviders(config)) {
    const executor = new HttpExecutor(
      { timeoutMs: s.timeoutMs, connectTimeoutMs: s.connectTimeoutMs },
      clock,
      (seen, err) => breakers.record(name, seen, err),
    );
    byProvider.set(name, new HttpChannel(s.connector, executor, store, config.retry.resolve_window_ms));
    slowestMs = Math.max(slowestMs, s.timeoutMs + s.connectTimeoutMs);
  }
  const zvt = config.providers.zvt
    ? new ZvtChannel(store, zvtDriver(store, config.providers.zvt, clock, log, openZvtTransport))
    : undefined;
  if (zvt) byProvider.set('zvt', zvt);
  return { byProvider, zvt, slowestMs };
}
