import type { Primitive } from '../../plan/types.js';

/** §4 format. */
export const formatPrimitives: Primitive[] = [];
