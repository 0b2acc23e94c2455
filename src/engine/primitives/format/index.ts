import type { Primitive } from '../../plan/types.js';
import { changeTextCasing } from './change-text-casing.js';
import { formatDate } from './format-date.js';
import { formatPhoneNumbers } from './format-phone.js';
import { standardizeValues } from './standardize-values.js';

/** §4.3 Format; trim_whitespace, also §4.3, is implemented and registered with the text primitives. */
export const formatPrimitives: Primitive[] = [formatDate, formatPhoneNumbers, changeTextCasing, standardizeValues];
