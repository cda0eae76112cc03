import type { Migration } from '../migration.js';
import { migration001 } from './001_initial.js';

export const MIGRATIONS: readonly Migration[] = [migration001];
