import '../primitives/index.js';

export * from './types.js';
export * from './registry.js';
export * from './validate.js';
export * from './execute.js';
export * from './step-failure.js';
export * from './catalogue-entry.js';
export * from './render-chain.js';
