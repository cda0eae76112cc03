// The store: one SQLite connection, its repositories, and `write`, the only way to change data.
// `write` runs synchronously inside one SQLite transaction (no await can slip in) and publishes the
// events it appended only after the commit, so listeners never see a change that was rolled back.
import { EventEmitter } from 'node:events';
import { openDatabase, type SqliteDb } from '../../native/sqlite.js';
import type { Clock, IdSource } from '../core/clock.js';
import { isoTime } from '../core/clock.js';
import { ApiKeyRepo } from './api-keys.js';
import { ArchiveRepo } from './archives.js';
import { AttemptRepo } from './attempts.js';
import { CredentialRepo } from './credentials.js';
import { EventLog, type BridgeEvent, type NewEvent } from './events.js';
import { IntegrityLog } from './integrity.js';
import { migrate } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';
import { OperationRepo } from './operations.js';
import { TerminalRepo } from './terminals.js';
import { TransactionRepo } from './transactions.js';
import { UiSessionRepo } from './ui-sessions.js';

export interface WriteContext {
  readonly now: number;
  readonly at: string;
  emit(e: NewEvent): BridgeEvent;
  /** Runs `fn` once the outermost write has committed; dropped if it rolls back (memory follows disk). */
  afterCommit(fn: () => void): void;
}

export interface AttemptFinishedSignal {
  readonly attemptId: number;
  readonly durationMs: number;
}

export class Store {
  readonly transactions: TransactionRepo;
  readonly operations: OperationRepo;
  readonly attempts: AttemptRepo;
  readonly terminals: TerminalRepo;
  readonly apiKeys: ApiKeyRepo;
  readonly credentials: CredentialRepo;
  readonly uiSessions: UiSessionRepo;
  readonly archives: ArchiveRepo;
  readonly events: EventLog;
  /** The last background integrity check of this database (integrity-schedule.ts runs it). */
  readonly integrity: IntegrityLog;
  /**
   * Emits 'event' (BridgeEvent) after each committed write, and 'attempt.finished' (AttemptFinishedSignal)
   * after the write that recorded an attempt's answer commits: for metrics, never written to the event log.
   */
  readonly bus = new EventEmitter();
  private pending: BridgeEvent[] = [];
  private committed: Array<() => void> = [];
  /** The last storage failure of a write (disk full, locked, I/O error), cleared by the next good write. */
  storageFault: { readonly code: string; readonly message: string; readonly at: string } | null = null;

  constructor(
    readonly db: SqliteDb,
    readonly clock: Clock,
    ids: IdSource,
  ) {
    this.bus.setMaxListeners(0);
    this.transactions = new TransactionRepo(db);
    this.operations = new OperationRepo(db);
    this.attempts = new AttemptRepo(db, (attemptId, durationMs) => {
      const signal: AttemptFinishedSignal = { attemptId, durationMs };
      if (this.db.inTransaction) this.committed.push(() => this.bus.emit('attempt.finished', signal));
      else this.bus.emit('attempt.finished', signal);
    });
    this.terminals = new TerminalRepo(db);
    this.apiKeys = new ApiKeyRepo(db, ids);
    this.credentials = new CredentialRepo(db);
    this.uiSessions = new UiSessionRepo(db, ids);
    this.archives = new ArchiveRepo(db);
    this.events = new EventLog(db, (e) => this.pending.push(e));
    this.integrity = new IntegrityLog(db.memory ? undefined : `${db.name}.integrity.json`);
  }

  write<T>(fn: (ctx: WriteContext) => T): T {
    const now = this.clock.now();
    const at = isoTime(now);
    const ctx: WriteContext = {
      now,
      at,
      emit: (e) => this.events.append(e, at),
      afterCommit: (f) => {
        this.committed.push(f);
      },
    };
    const before = this.pending.length;
    const beforeHooks = this.committed.length;
    let result: T;
    try {
      result = this.db.transaction(() => fn(ctx))();
    } catch (err) {
      this.pending.length = before;
      this.committed.length = beforeHooks;
      if (isStorageError(err))
        this.storageFault = { code: (err as { code: string }).code, message: (err as Error).message, at };
      throw err;
    }
    this.storageFault = null;
    if (this.db.inTransaction) return result; // nested: the outer write publishes
    const published = this.pending;
    const hooks = this.committed;
    this.pending = [];
    this.committed = [];
    for (const f of hooks) f();
    for (const e of published) this.bus.emit('event', e);
    return result;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** SQLite failures that are about the storage itself, not about the data: the API answers 503 for them. */
export function isStorageError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === 'string' && /^SQLITE_(FULL|BUSY|IOERR|CORRUPT|READONLY|LOCKED|NOTADB|CANTOPEN|PROTOCOL)/.test(code)
  );
}

export function openStore(file: string, clock: Clock, ids: IdSource, busyTimeoutMs = 5000): Store {
  const db = openDatabase(file, { busyTimeoutMs });
  try {
    migrate(db, MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return new Store(db, clock, ids);
}
