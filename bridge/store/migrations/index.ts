import type { Migration } from '../migration.js';
import { migration001 } from './001_initial.js';
import { migration002 } from './002_provider_refs_and_credentials.js';
import { migration003 } from './003_offline_queue.js';
import { migration004 } from './004_hold_expiry.js';
import { migration005 } from './005_terminal_receipts.js';
import { migration006 } from './006_ui_sessions.js';
import { migration007 } from './007_attempt_applied.js';
import { migration008 } from './008_pos_told.js';
import { migration009 } from './009_ui_sessions_ended.js';
import { migration010 } from './010_read_indexes.js';
import { migration011 } from './011_retention.js';
import { migration012 } from './012_api_key_scope.js';
import { migration013 } from './013_lean_indexes.js';
import { migration014 } from './014_sync_mark.js';
import { migration015 } from './015_terminal_recent.js';
import { migration016 } from './016_operation_requested_by.js';
import { migration017 } from './017_end_of_day.js';
import { migration018 } from './018_reconciliations.js';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
];
