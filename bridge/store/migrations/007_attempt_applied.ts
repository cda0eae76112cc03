// 007: whether an attempt's answer has been applied to its operation. An answer recorded but never
// applied (a crash between the two, possible in databases written before this version, and by design
// for a ZVT result persisted before it is acknowledged) must be applied after a restart, never thrown
// away and the request sent again. Existing rows: every answer was applied except those of the claim
// a crashed worker still holds (the operation is `running` and the attempt belongs to its last claim).
import type { Migration } from '../migration.js';

export const migration007: Migration = {
  version: 7,
  name: 'attempt_applied',
  up: `
ALTER TABLE attempts ADD COLUMN applied_at TEXT;
UPDATE attempts SET applied_at = finished_at
 WHERE finished_at IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM operations o
                    WHERE o.id = attempts.operation_id AND o.state = 'running' AND o.attempts = attempts.number);
CREATE INDEX attempts_unapplied ON attempts (operation_id) WHERE applied_at IS NULL AND finished_at IS NOT NULL;
`,
};
