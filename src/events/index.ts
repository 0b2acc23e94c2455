export * from './event-store.js';
export * from './errors.js';
export * from './catalogue/index.js';
export * from './upcast.js';
