import type { Primitive } from '../../plan/types.js';

/** §4 tables. */
export const tablesPrimitives: Primitive[] = [];
