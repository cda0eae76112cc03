// The store: one SQLite connection, its repositories, and `write`, the only way to change data.
// `write` runs synchronously inside one SQLite transaction (no await can slip in) and publishes the
// events it appended only after the commit, so listeners never see a change that was rolled back.
//
// Durability: `write` commits with synchronous=FULL, so it is on disk when it returns. `writeUnsynced`
// commits with synchronous=NORMAL: safe from a crash of the process (the WAL is written), not yet from a
// power cut. Its caller, or the API's last hook before any reply, awaits `synced()` before anything that
// depends on it leaves the process; `synced()` puts every commit so far on disk with one fully synced
// commit of the sync_mark row (a WAL file is synced as a whole), shared by every caller of that turn.
// That is group commit: concurrent requests share one fsync instead of paying one each.
import { EventEmitter } from 'node:events';
import { openDatabase, type SqliteDb, type SqliteStatement } from '../../native/sqlite.js';
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
  private readonly inTransaction: (fn: () => unknown) => unknown;
  /** Whether the connection was opened synchronous=FULL; one opened lighter (a bench) is left as it is. */
  private readonly fullByDefault: boolean;
  private level: 'full' | 'normal' = 'full';
  private readonly markStmt: SqliteStatement;
  /** A commit made with writeUnsynced that no fully synced commit has covered yet. */
  private unsynced = false;
  private syncWaiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  private syncScheduled = false;
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
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
    this.fullByDefault = Number(db.pragma('synchronous', { simple: true })) >= 2;
    this.markStmt = db.prepare('UPDATE sync_mark SET syncs = syncs + 1 WHERE id = 1');
  }

  /** Commits `fn`'s changes and makes them durable before returning (synchronous=FULL). */
  write<T>(fn: (ctx: WriteContext) => T): T {
    return this.commit(fn, true);
  }

  /**
   * Commits `fn`'s changes without waiting for the disk. Nothing that depends on them may leave the
   * process (a reply, a request to a provider) before `synced()` resolves. Joins an outer write as is.
   */
  writeUnsynced<T>(fn: (ctx: WriteContext) => T): T {
    return this.commit(fn, false);
  }

  /**
   * A synced write that records why other work failed. It leaves `storageFault` as it is: a small
   * update that fits in the pages already there proves nothing about the room the failed write needed.
   */
  writeAfterFailure<T>(fn: (ctx: WriteContext) => T): T {
    return this.commit(fn, true, false);
  }

  /** Whether a commit is not on disk yet (made with writeUnsynced, not yet covered by a synced commit). */
  get awaitingSync(): boolean {
    return this.unsynced;
  }

  /**
   * Resolves once every commit made so far is on disk: at once when none waits for it, else after one
   * fully synced commit in the next turn of the event loop, shared by everyone who asked in this one.
   * Rejects with the storage error when that commit fails.
   */
  synced(): Promise<void> {
    if (!this.unsynced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.syncWaiters.push({ resolve, reject });
      if (this.syncScheduled) return;
      this.syncScheduled = true;
      setImmediate(() => this.syncNow());
    });
  }

  private syncNow(): void {
    if (this.db.open && this.db.inTransaction) {
      // Someone holds a transaction open across turns: the mark would join it. Look again next turn.
      setImmediate(() => this.syncNow());
      return;
    }
    this.syncScheduled = false;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    try {
      if (this.unsynced) {
        this.setLevel('full');
        this.markStmt.run();
        this.unsynced = false;
      }
    } catch (err) {
      if (isStorageError(err))
        this.storageFault = {
          code: (err as { code: string }).code,
          message: (err as Error).message,
          at: isoTime(this.clock.now()),
        };
      for (const w of waiters) w.reject(err);
      return;
    }
    for (const w of waiters) w.resolve();
  }

  private setLevel(level: 'full' | 'normal'): void {
    if (!this.fullByDefault || this.level === level) return;
    // exec, not a prepared statement: SQLite applies this pragma when it compiles it, not when it runs.
    this.db.exec(level === 'full' ? 'PRAGMA synchronous = FULL' : 'PRAGMA synchronous = NORMAL');
    this.level = level;
  }

  private commit<T>(fn: (ctx: WriteContext) => T, durable: boolean, clearsFault = true): T {
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
    const outermost = !this.db.inTransaction;
    let result: T;
    try {
      if (outermost) this.setLevel(durable ? 'full' : 'normal');
      result = this.inTransaction(() => fn(ctx)) as T;
    } catch (err) {
      this.pending.length = before;
      this.committed.length = beforeHooks;
      if (isStorageError(err))
        this.storageFault = { code: (err as { code: string }).code, message: (err as Error).message, at };
      throw err;
    }
    if (clearsFault) this.storageFault = null;
    if (!outermost) return result; // nested: the outer write publishes
    // A fully synced commit puts the whole WAL, earlier unsynced commits included, on disk.
    if (this.fullByDefault) this.unsynced = !durable;
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
