// The append-only event log. Events are written in the same SQLite transaction as the change they
// describe and published to listeners only after that transaction commits.
import type { SqliteDb } from '../../native/sqlite.js';
import type { EventRow } from './rows.js';

export interface NewEvent {
  readonly type: string;
  readonly transactionId?: string | null;
  readonly operationId?: string | null;
  readonly terminalId?: string | null;
  readonly data?: Record<string, unknown>;
}

export interface BridgeEvent {
  readonly seq: number;
  readonly type: string;
  readonly transaction_id: string | null;
  readonly operation_id: string | null;
  readonly terminal_id: string | null;
  readonly data: Record<string, unknown>;
  readonly created_at: string;
}

export function toBridgeEvent(row: EventRow): BridgeEvent {
  return {
    seq: row.seq,
    type: row.type,
    transaction_id: row.transaction_id,
    operation_id: row.operation_id,
    terminal_id: row.terminal_id,
    data: JSON.parse(row.data_json) as Record<string, unknown>,
    created_at: row.created_at,
  };
}

export class EventLog {
  private readonly insert;
  private readonly sinceStmt;
  private readonly lastStmt;

  constructor(
    db: SqliteDb,
    private readonly onAppend: (e: BridgeEvent) => void,
  ) {
    this.insert = db.prepare(
      `INSERT INTO events (type, transaction_id, operation_id, terminal_id, data_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.sinceStmt = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.lastStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
  }

  append(e: NewEvent, at: string): BridgeEvent {
    const row = this.insert.get(
      e.type,
      e.transactionId ?? null,
      e.operationId ?? null,
      e.terminalId ?? null,
      JSON.stringify(e.data ?? {}),
      at,
    ) as EventRow;
    const event = toBridgeEvent(row);
    this.onAppend(event);
    return event;
  }

  since(seq: number, limit = 500): BridgeEvent[] {
    return (this.sinceStmt.all(seq, limit) as EventRow[]).map(toBridgeEvent);
  }

  lastSeq(): number {
    return (this.lastStmt.get() as { seq: number }).seq;
  }
}
