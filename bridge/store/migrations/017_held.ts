// 017: a number held for a migration of the same release that lands beside 018; empty until it does, so the
// sequence stays whole (the runner accepts no gaps). When that migration arrives, it replaces this file.
import type { Migration } from '../migration.js';

export const migration017: Migration = {
  version: 17,
  name: 'held',
  up: '',
};
