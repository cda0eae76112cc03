// The providers' own view of their terminals (Blink: connected or not), fetched through the shared
// executor and cached briefly so a status window polling GET /v1/terminals does not hammer the provider.
import type { Clock } from '../core/clock.js';
import type { RemoteTerminal } from '../core/connector.js';
import type { PaymentChannel } from '../core/channel.js';
import { HttpChannel } from './http-channel.js';

interface Cached {
  readonly at: number;
  readonly terminals?: Map<string, RemoteTerminal>;
  readonly error?: string;
  /** The provider refused posbridge's credentials (401, 403): a settings matter, not an outage. */
  readonly credentialsRefused?: boolean;
}

export class RemoteTerminals {
  private readonly cache = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 10_000,
  ) {}

  async of(provider: string, channel: PaymentChannel): Promise<Cached | undefined> {
    // Only cloud providers keep a list of their terminals (a terminal on this PC's cable has none).
    if (!(channel instanceof HttpChannel)) return undefined;
    const source = channel.connector.terminals?.();
    if (!source) return undefined;
    const { executor, connector } = channel;
    const hit = this.cache.get(provider);
    if (hit && this.clock.now() - hit.at < this.ttlMs) return hit;
    let pending = this.inflight.get(provider);
    if (!pending) {
      pending = (async (): Promise<Cached> => {
        const ex = await executor.execute(
          source.request,
          connector.authFor?.({ id: '', currency: null, settings: {} }),
        );
        if (ex.kind === 'failed') return { at: this.clock.now(), error: ex.failure.reason };
        try {
          return { at: this.clock.now(), terminals: new Map(source.parse(ex.reply).map((t) => [t.id, t])) };
        } catch (err) {
          const refused = ex.reply.status === 401 || ex.reply.status === 403;
          return {
            at: this.clock.now(),
            error: (err as Error).message,
            ...(refused ? { credentialsRefused: true } : {}),
          };
        }
      })()
        .then((c) => {
          this.cache.set(provider, c);
          return c;
        })
        .finally(() => this.inflight.delete(provider));
      this.inflight.set(provider, pending);
    }
    return pending;
  }
}
