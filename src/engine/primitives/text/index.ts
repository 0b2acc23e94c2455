import type { Primitive } from '../../plan/types.js';

/** §4 text. */
export const textPrimitives: Primitive[] = [];
