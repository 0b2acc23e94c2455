export * from './numbers.js';
export * from './random.js';
export * from './order.js';
export * from './regex.js';
export * from './suggest.js';
