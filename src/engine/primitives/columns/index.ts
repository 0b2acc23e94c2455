import type { Primitive } from '../../plan/types.js';

/** §4 columns. */
export const columnsPrimitives: Primitive[] = [];
