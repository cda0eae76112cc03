// 013: indexes that cost a finished transaction bytes without serving a read. Each was an entry for every
// operation or transaction ever written, kept for years, for reads that only ever look at open work:
//   operations_by_transaction (transaction_id, seq): the operations of a transaction are found through the
//     UNIQUE (transaction_id, client_key) index of 001; a transaction has a handful of them to order.
//   operations_lane (terminal_id, state, seq): a lane's reads now repeat operations_open's WHERE (010) and
//     use it; it holds queued and running operations only.
//   operations_finished (finished_at): the compaction's scan. Attempts are compacted when their operation
//     ends; attempts_uncompacted holds the rest (open operations, unresolved ones, a compaction window).
//   transactions_by_expiry (state, expires_at): every transaction that was ever authorised kept its entry;
//     the expiry reads are of authorised holds only and find them through transactions_by_state.
//   transactions_orphan_candidates: its reads are of authorised holds only (state = 'authorized', which
//     they repeat), so the index keeps those rows only.
// No row is changed or removed; only index entries go.
import type { Migration } from '../migration.js';

export const migration013: Migration = {
  version: 13,
  name: 'lean_indexes',
  up: `
DROP INDEX operations_by_transaction;
DROP INDEX operations_lane;
DROP INDEX operations_finished;
CREATE INDEX attempts_uncompacted ON attempts (operation_id) WHERE compacted_at IS NULL;

DROP INDEX transactions_by_expiry;
DROP INDEX transactions_orphan_candidates;
CREATE INDEX transactions_orphan_candidates ON transactions (pos_told_result, pos_told_at) WHERE state = 'authorized';
`,
};
