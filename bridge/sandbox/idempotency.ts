// Idempotency-Key semantics shared by the sandboxes: the same key with the same request replays the
// stored answer; with another request it conflicts. Options cover the providers' differences: how long
// answers are kept, how long a repeat waits for a request still in flight, which answers are not kept.
import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Entry {
  readonly fingerprint: string;
  result?: StoredResponse;
  storedAt?: number;
  readonly done: Promise<StoredResponse | undefined>;
  resolve(r: StoredResponse | undefined): void;
}

export type Claim =
  | { readonly kind: 'new'; complete(r: StoredResponse): void; abandon(): void }
  | { readonly kind: 'replay'; readonly response: StoredResponse; readonly storedAt: number }
  | { readonly kind: 'conflict' }
  /** A request with this key is still in flight and did not finish within the wait. */
  | { readonly kind: 'locked' };

export interface IdempotencyOptions {
  readonly now?: () => number;
  /** How long a stored answer is replayed (Payroc 7 days, SmartRetry 24 h). */
  readonly ttlMs?: number;
  /** How long a repeat waits for the first request (undefined: as long as it takes). */
  readonly lockWaitMs?: number;
  /** Answers that are not stored (SmartRetry does not cache 5xx). */
  readonly keep?: (r: StoredResponse) => boolean;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly opts: IdempotencyOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  static fingerprint(method: string, url: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
  }

  async claim(key: string, fingerprint: string): Promise<Claim> {
    let existing = this.entries.get(key);
    if (
      existing?.storedAt !== undefined &&
      this.opts.ttlMs !== undefined &&
      this.now() - existing.storedAt > this.opts.ttlMs
    ) {
      this.entries.delete(key);
      existing = undefined;
    }
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
      if (!existing.result) {
        const waited =
          this.opts.lockWaitMs === undefined
            ? await existing.done
            : await Promise.race([
                existing.done,
                new Promise<undefined>((r) => setTimeout(() => r(undefined), this.opts.lockWaitMs).unref()),
              ]);
        if (!waited)
          return existing.result
            ? { kind: 'replay', response: existing.result, storedAt: existing.storedAt! }
            : this.entries.get(key) === existing
              ? { kind: 'locked' }
              : this.claim(key, fingerprint);
      }
      return { kind: 'replay', response: existing.result!, storedAt: existing.storedAt! };
    }
    let resolve!: (r: StoredResponse | undefined) => void;
    const done = new Promise<StoredResponse | undefined>((r) => {
      resolve = r;
    });
    const entry: Entry = { fingerprint, done, resolve };
    this.entries.set(key, entry);
    return {
      kind: 'new',
      complete: (r) => {
        if (this.opts.keep && !this.opts.keep(r)) {
          this.entries.delete(key);
          entry.resolve(undefined);
          return;
        }
        entry.result = r;
        entry.storedAt = this.now();
        entry.resolve(r);
      },
      // Nothing was processed (the connection closed first): the key is free again.
      abandon: () => {
        this.entries.delete(key);
        entry.resolve(undefined);
      },
    };
  }
}
