/** The Condition dialect of PRIMITIVES.md §3, shared by filter_rows, conditional_value and case_when. */
export * from './schema.js';
export * from './convert.js';
export * from './evaluate.js';
export * from './render.js';
