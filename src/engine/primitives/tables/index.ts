import type { Primitive } from '../../plan/types.js';
import { joinTables } from './join-tables.js';
import { lookup } from './lookup.js';
import { unionTables } from './union-tables.js';

/** §4.6 tables. */
export const tablesPrimitives: Primitive[] = [joinTables, unionTables, lookup];
