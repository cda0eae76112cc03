// The last integrity check of the database: when it ran and what SQLite said. Kept in memory for health,
// status and metrics, and in a small file beside the database, so that a failure found before a restart
// is still reported after it (until a later check passes). Start-up never runs the check itself: it
// reads every page, which at a year of history takes seconds to minutes (see integrity-schedule.ts).
import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFile } from '../../native/private-files.js';

export interface IntegrityResult {
  /** ISO time the check finished. */
  readonly at: string;
  readonly ok: boolean;
  /** 'ok', or what SQLite found (or why the check could not run). */
  readonly detail: string;
  readonly duration_ms: number;
}

export class IntegrityLog {
  private result: IntegrityResult | null;

  /** `file` is where the result is kept between runs; undefined keeps it in memory only. */
  constructor(private readonly file?: string) {
    this.result = file ? readResult(file) : null;
  }

  /** The last check's result, or null if none has run on this database yet. Read-only for callers. */
  last(): IntegrityResult | null {
    return this.result;
  }

  record(result: IntegrityResult): void {
    this.result = result;
    if (this.file) writePrivateFile(this.file, `${JSON.stringify(result)}\n`);
  }
}

function readResult(file: string): IntegrityResult | null {
  if (!existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<IntegrityResult>;
    if (typeof r.at !== 'string' || typeof r.ok !== 'boolean' || typeof r.detail !== 'string') return null;
    return { at: r.at, ok: r.ok, detail: r.detail, duration_ms: Number(r.duration_ms ?? 0) };
  } catch {
    return null; // an unreadable note is as good as none: the next check writes it again
  }
}
