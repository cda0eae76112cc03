// Migration 009: sessions can end early (sign-out), and every session started before it ends: those lived
// in a cookie, which the browser also sent to every other local server it visited. A login link not yet
// used stays good: it was only ever in a URL handed to a person.
import { describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../native/sqlite.js';
import { hashKey } from '../../../bridge/store/api-keys.js';
import { migrate } from '../../../bridge/store/migration.js';
import { MIGRATIONS } from '../../../bridge/store/migrations/index.js';
import { UiSessionRepo } from '../../../bridge/store/ui-sessions.js';
import { eachFreshDatabase } from '../../helpers/fresh-database.js';

let db: SqliteDb;
eachFreshDatabase((d) => (db = d));

let n = 0;
const ids = { id: () => `id${++n}`, token: () => `t${++n}` } as never;
const now = Date.parse('2026-12-01T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Rows as version 8 wrote them: a link not used yet, and a link redeemed for a (cookie) session. */
function version8(): { unusedLink: string; cookieSession: string } {
  migrate(db, MIGRATIONS, 8);
  const insert = db.prepare(
    'INSERT INTO ui_sessions (id, login_hash, login_expires_at, created_at, redeemed_at, session_hash, session_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run('uis_a', hashKey('pbl_unused'), iso(now + 600_000), iso(now), null, null, null);
  insert.run(
    'uis_b',
    hashKey('pbl_used'),
    iso(now + 600_000),
    iso(now),
    iso(now),
    hashKey('pbs_cookie'),
    iso(now + 43_200_000),
  );
  return { unusedLink: 'pbl_unused', cookieSession: 'pbs_cookie' };
}

describe('migration 009', () => {
  it('ends the sessions of the cookie era, keeps unused links, and lets later sessions be ended one by one', () => {
    const old = version8();
    expect(migrate(db, MIGRATIONS, 9)).toBe(9);
    const repo = new UiSessionRepo(db, ids);
    expect(repo.verify(old.cookieSession, now)).toBeUndefined();
    expect(repo.end(old.cookieSession, now)).toBeUndefined();

    const fresh = repo.redeem(old.unusedLink, now)!;
    expect(fresh).toMatchObject({ id: 'uis_a', expiresAt: iso(now + 43_200_000) });
    expect(repo.verify(fresh.session, now)).toEqual({ id: 'uis_a' });
    expect(repo.end(fresh.session, now + 1)).toEqual({ id: 'uis_a' });
    expect(repo.verify(fresh.session, now + 2)).toBeUndefined();
    expect(repo.end(fresh.session, now + 2)).toBeUndefined();
  });
});
