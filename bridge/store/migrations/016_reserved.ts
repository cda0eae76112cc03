// 016 is taken by the operation-requested-by migration built beside this one; until both meet, this
// empty step keeps the numbers without gaps (migrate() demands 1..n). When the real 016 lands, this file
// goes and index.ts imports that one instead.
import type { Migration } from '../migration.js';

export const migration016: Migration = {
  version: 16,
  name: 'reserved',
  up: '',
};
