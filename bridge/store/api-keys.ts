// API keys: shown once at creation, stored only as a SHA-256 hash. A key carries 256 random bits, so a
// fast hash is enough (no password stretching needed) and lookups stay constant-time by index.
import { createHash } from 'node:crypto';
import type { SqliteDb } from '../../native/sqlite.js';
import type { IdSource } from '../core/clock.js';

/** `full`: the whole API (the POS). `metrics`: GET /v1/metrics only (a monitoring scraper's token). */
export type KeyScope = 'full' | 'metrics';
export const KEY_SCOPES: readonly KeyScope[] = ['full', 'metrics'];

export interface CreatedKey {
  readonly id: string;
  readonly name: string;
  readonly key: string;
  readonly scope: KeyScope;
}

export interface VerifiedKey {
  readonly id: string;
  readonly name: string;
  readonly scope: KeyScope;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class ApiKeyRepo {
  private readonly insertStmt;
  private readonly findStmt;
  private readonly countStmt;

  constructor(
    db: SqliteDb,
    private readonly ids: IdSource,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at, scope) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.findStmt = db.prepare('SELECT id, name, scope FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL');
  }

  create(name: string, at: string, scope: KeyScope = 'full'): CreatedKey {
    const key = `pbk_${this.ids.token(32)}`;
    const id = `key_${this.ids.token(9)}`;
    this.insertStmt.run(id, name, hashKey(key), key.slice(0, 8), at, scope);
    return { id, name, key, scope };
  }

  verify(key: string): VerifiedKey | undefined {
    return this.findStmt.get(hashKey(key)) as VerifiedKey | undefined;
  }

  activeCount(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}
