import type { Primitive } from '../../plan/types.js';

/** §4 quality. */
export const qualityPrimitives: Primitive[] = [];
