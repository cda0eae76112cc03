// 010 belongs to the "scale" part of issue 14 (indexes). This empty stand-in exists only so that 011 can be
// numbered without a gap on this branch; at merge the scale part's 010 replaces it (drop this file).
import type { Migration } from '../migration.js';

export const migration010: Migration = {
  version: 10,
  name: 'scale_placeholder',
  up: ``,
};
