export { profileTable } from './profile-table.js';
export { summarizeProfile } from './summarize.js';
export { classifyDate, resolveDateFormats, type DateMatch } from './date-formats.js';
export { nameWords } from './semantic-type.js';
export * from './types.js';
