import type { Primitive } from '../../plan/types.js';
import { dateAdd } from './date-add.js';
import { dateDiff } from './date-diff.js';
import { extractDatePart } from './extract-date-part.js';

/** §4.8 dates. */
export const datesPrimitives: Primitive[] = [extractDatePart, dateDiff, dateAdd];
