// 016: a number held for a migration of the same release that lands beside 018; empty until it does, so the
// sequence stays whole (the runner accepts no gaps). When that migration arrives, it replaces this file.
import type { Migration } from '../migration.js';

export const migration016: Migration = {
  version: 16,
  name: 'held',
  up: '',
};
