export * from './calendar.js';
export * from './parse.js';
export * from './strftime.js';
export * from './strptime.js';
export * from './column.js';
