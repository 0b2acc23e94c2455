import type { Primitive } from '../../plan/types.js';
import { sortRows } from './sort-rows.js';

/** §4.1 Rows. */
export const rowsPrimitives: Primitive[] = [sortRows];
