// 012: an API key has a scope. `full` is what every key was before (the POS, scripts); `metrics` may read
// GET /v1/metrics and nothing else, so the bearer token a chain's Prometheus keeps in its configuration
// cannot move money. Existing keys stay full keys: the column's default says so.
import type { Migration } from '../migration.js';

export const migration012: Migration = {
  version: 12,
  name: 'api_key_scope',
  up: `
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'metrics'));
`,
};
