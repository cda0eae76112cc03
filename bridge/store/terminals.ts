import type { SqliteDb } from '../../native/sqlite.js';
import type { TerminalRow } from './rows.js';

export interface TerminalSpec {
  readonly id: string;
  readonly provider: string;
  readonly name: string;
  readonly currency: string | null;
  readonly settings: Record<string, unknown>;
}

export class TerminalRepo {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly seenStmt;
  private readonly disableStmt;
  private readonly openWorkStmt;

  constructor(db: SqliteDb) {
    this.upsertStmt = db.prepare(
      `INSERT INTO terminals (id, provider, name, currency, settings_json, enabled, created_at, updated_at)
       VALUES (@id, @provider, @name, @currency, @settings_json, 1, @at, @at)
       ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, name = excluded.name,
         currency = excluded.currency, settings_json = excluded.settings_json, enabled = 1, updated_at = excluded.updated_at
       WHERE terminals.provider IS NOT excluded.provider OR terminals.name IS NOT excluded.name
         OR terminals.currency IS NOT excluded.currency OR terminals.settings_json IS NOT excluded.settings_json
         OR terminals.enabled = 0`,
    );
    this.getStmt = db.prepare('SELECT * FROM terminals WHERE id = ?');
    this.listStmt = db.prepare('SELECT * FROM terminals ORDER BY id');
    this.seenStmt = db.prepare('UPDATE terminals SET last_seen_at = ? WHERE id = ?');
    this.disableStmt = db.prepare('UPDATE terminals SET enabled = 0, updated_at = ? WHERE id = ? AND enabled = 1');
    this.openWorkStmt = db.prepare(`SELECT
      (SELECT COUNT(*) FROM operations WHERE terminal_id = @id AND state IN ('queued','running','unresolved')) AS operations,
      (SELECT COUNT(*) FROM transactions WHERE terminal_id = @id AND state IN ('pending','in_progress','authorized','unresolved')) AS transactions`);
  }

  upsert(spec: TerminalSpec, at: string): void {
    this.upsertStmt.run({
      id: spec.id,
      provider: spec.provider,
      name: spec.name,
      currency: spec.currency,
      settings_json: JSON.stringify(spec.settings),
      at,
    });
  }

  get(id: string): TerminalRow | undefined {
    return this.getStmt.get(id) as TerminalRow | undefined;
  }

  list(): TerminalRow[] {
    return this.listStmt.all() as TerminalRow[];
  }

  /** Terminals are never deleted (their transactions refer to them): a removed one is disabled. */
  disable(id: string, at: string): boolean {
    return this.disableStmt.run(at, id).changes === 1;
  }

  /** What still depends on the terminal: open operations, and holds or requests not yet settled. */
  openWork(id: string): { operations: number; transactions: number } {
    return this.openWorkStmt.get({ id }) as { operations: number; transactions: number };
  }

  markSeen(id: string, at: string): void {
    this.seenStmt.run(at, id);
  }
}
