// Migration 012: API keys get a scope. Every key made before it keeps the whole API (a POS must not be
// locked out by an upgrade); a metrics key made after it is told apart; no other scope can be stored.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { ApiKeyRepo, hashKey } from '../../../bridge/store/api-keys.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

let n = 0;
const ids = { id: () => `id${++n}`, token: () => `t${++n}` } as never;

describe('migration 012', () => {
  it('keeps every older key a full key, stores metrics keys apart, and refuses an unknown scope', () => {
    migrate(db, MIGRATIONS, 11);
    db.prepare(
      `INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at) VALUES ('key_old', 'till', ?, 'pbk_old', '2026-01-01T00:00:00.000Z')`,
    ).run(hashKey('pbk_old_key'));

    expect(migrate(db, MIGRATIONS, 12)).toBe(12);
    const repo = new ApiKeyRepo(db, ids);
    expect(repo.verify('pbk_old_key')).toEqual({ id: 'key_old', name: 'till', scope: 'full' });

    const scraper = repo.create('scraper', '2026-02-01T00:00:00.000Z', 'metrics');
    expect(repo.verify(scraper.key)).toMatchObject({ name: 'scraper', scope: 'metrics' });
    expect(repo.verify(repo.create('pos', '2026-02-01T00:00:00.000Z').key)).toMatchObject({ scope: 'full' });

    expect(() => db.prepare(`UPDATE api_keys SET scope = 'admin' WHERE id = 'key_old'`).run()).toThrow(/CHECK/);
  });
});
