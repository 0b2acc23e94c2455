import type { Primitive } from '../../plan/types.js';

/** §4 groups. */
export const groupsPrimitives: Primitive[] = [];
