import type { Primitive } from '../../plan/types.js';

/** §4 calculate. */
export const calculatePrimitives: Primitive[] = [];
