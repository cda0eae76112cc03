// 003: store-and-forward. Why an operation waits (the provider was unreachable when it arrived or
// while it waited), and the card data a card-not-present preauth needs to be sent later: sealed
// (AES-256-GCM), and nulled as soon as the request is sent, fails or expires (secure_delete is on).
import type { Migration } from '../migration.js';

export const migration003: Migration = {
  version: 3,
  name: 'offline_queue',
  up: `
ALTER TABLE operations ADD COLUMN queued_reason TEXT;
ALTER TABLE operations ADD COLUMN card_blob BLOB;
CREATE INDEX operations_offline_queue ON operations (state, queued_reason) WHERE queued_reason IS NOT NULL;
`,
};
