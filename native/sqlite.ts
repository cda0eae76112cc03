// The only place better-sqlite3 is imported. Opens the database with the pragmas that make it durable:
// WAL, synchronous=FULL (a commit survives a power cut), foreign keys, a busy timeout, secure_delete.
// The files are 0600 (POSIX): SQLite creates -wal and -shm with the database file's own permissions, so
// the database file is created 0600 before SQLite opens it; files of an older version are tightened.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateFile, PRIVATE_DIR_MODE, tightenFile } from './private-files.js';

export type SqliteDb = Database.Database;
export type SqliteStatement = Database.Statement;

export interface OpenOptions {
  readonly busyTimeoutMs?: number;
  readonly readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): SqliteDb {
  if (file !== ':memory:' && !options.readonly) {
    mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    createPrivateFile(file);
    for (const side of ['-wal', '-shm']) tightenFile(`${file}${side}`);
  }
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The pragmas as the connection reports them; used by health and by tests. */
export function readPragmas(db: SqliteDb): Record<string, unknown> {
  return {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
    busy_timeout: db.pragma('busy_timeout', { simple: true }),
    secure_delete: db.pragma('secure_delete', { simple: true }),
  };
}
