export * from './projection.js';
export * from './projector.js';
export * from './rebuild.js';
export * from './run-batch.js';
export * from './checkpoint-store.js';
export { PROJECTIONS } from './read-models/index.js';
