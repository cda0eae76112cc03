// Payroc's idempotency rules: same key + URI + body → the stored response; same key with another
// URI or body → 409 idempotency-key-in-use. Not documented, our reading: a repeat that arrives while
// the first is still processing waits for it and then gets the stored response.
import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

interface Entry {
  readonly fingerprint: string;
  result?: StoredResponse;
  readonly done: Promise<StoredResponse>;
  resolve(r: StoredResponse): void;
}

export type Claim =
  | { readonly kind: 'new'; complete(r: StoredResponse): void; abandon(): void }
  | { readonly kind: 'replay'; readonly response: Promise<StoredResponse> }
  | { readonly kind: 'conflict' };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  static fingerprint(method: string, url: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest('hex');
  }

  claim(key: string, fingerprint: string): Claim {
    const existing = this.entries.get(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
      return { kind: 'replay', response: existing.result ? Promise.resolve(existing.result) : existing.done };
    }
    let resolve!: (r: StoredResponse) => void;
    const done = new Promise<StoredResponse>((r) => { resolve = r; });
    const entry: Entry = { fingerprint, done, resolve };
    this.entries.set(key, entry);
    return {
      kind: 'new',
      complete: (r) => {
        entry.result = r;
        entry.resolve(r);
      },
      // Nothing was processed (e.g. the connection closed first): the key is free again.
      abandon: () => {
        this.entries.delete(key);
      },
    };
  }
}
