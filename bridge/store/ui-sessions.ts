// Status-window sign-in. A login token is good once and for a few minutes (it travels in a URL and may
// end up in a browser's history); redeeming it starts a session whose token the window keeps to itself
// and sends in the Authorization header — never a cookie, which a browser would also send to every
// other port of the same host. Only hashes are stored, so a copy of the database signs nobody in.
import type { SqliteDb } from '../../native/sqlite.js';
import type { IdSource } from '../core/clock.js';
import { isoTime } from '../core/clock.js';
import { hashKey } from './api-keys.js';

export const LOGIN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;
export const LOGIN_PREFIX = 'pbl_';
export const SESSION_PREFIX = 'pbs_';

export class UiSessionRepo {
  private readonly insertStmt;
  private readonly loginStmt;
  private readonly redeemStmt;
  private readonly sessionStmt;
  private readonly endStmt;

  constructor(
    db: SqliteDb,
    private readonly ids: IdSource,
  ) {
    this.insertStmt = db.prepare(
      'INSERT INTO ui_sessions (id, login_hash, login_expires_at, created_at) VALUES (?, ?, ?, ?)',
    );
    this.loginStmt = db.prepare(
      'SELECT id FROM ui_sessions WHERE login_hash = ? AND redeemed_at IS NULL AND login_expires_at > ?',
    );
    this.redeemStmt = db.prepare(
      'UPDATE ui_sessions SET redeemed_at = ?, session_hash = ?, session_expires_at = ? WHERE id = ? AND redeemed_at IS NULL',
    );
    this.sessionStmt = db.prepare(
      'SELECT id FROM ui_sessions WHERE session_hash = ? AND session_expires_at > ? AND ended_at IS NULL',
    );
    this.endStmt = db.prepare(
      'UPDATE ui_sessions SET ended_at = ? WHERE session_hash = ? AND session_expires_at > ? AND ended_at IS NULL RETURNING id',
    );
  }

  /** A new one-time login token; call inside a write. */
  createLogin(now: number): { id: string; token: string; expiresAt: string } {
    const token = `${LOGIN_PREFIX}${this.ids.token(32)}`;
    const id = `uis_${this.ids.token(9)}`;
    const expiresAt = isoTime(now + LOGIN_TTL_MS);
    this.insertStmt.run(id, hashKey(token), expiresAt, isoTime(now));
    return { id, token, expiresAt };
  }

  /** Exchanges a login token for a session token, once; undefined if unknown, used or expired. Call inside a write. */
  redeem(loginToken: string, now: number): { id: string; session: string; expiresAt: string } | undefined {
    const row = this.loginStmt.get(hashKey(loginToken), isoTime(now)) as { id: string } | undefined;
    if (!row) return undefined;
    const session = `${SESSION_PREFIX}${this.ids.token(32)}`;
    const expiresAt = isoTime(now + SESSION_TTL_MS);
    const changed = this.redeemStmt.run(isoTime(now), hashKey(session), expiresAt, row.id).changes;
    return changed === 1 ? { id: row.id, session, expiresAt } : undefined;
  }

  verify(sessionToken: string, now: number): { id: string } | undefined {
    return this.sessionStmt.get(hashKey(sessionToken), isoTime(now)) as { id: string } | undefined;
  }

  /** Ends a live session (sign-out); undefined if it was not live. Call inside a write. */
  end(sessionToken: string, now: number): { id: string } | undefined {
    return this.endStmt.get(isoTime(now), hashKey(sessionToken), isoTime(now)) as { id: string } | undefined;
  }
}
