import type { Primitive } from '../../plan/types.js';

/** §4 dates. */
export const datesPrimitives: Primitive[] = [];
