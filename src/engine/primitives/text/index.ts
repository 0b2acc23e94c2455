import type { Primitive } from '../../plan/types.js';
import { extractText } from './extract-text.js';
import { findReplace } from './find-replace.js';
import { padText } from './pad-text.js';
import { regexExtract } from './regex-extract.js';
import { regexReplace } from './regex-replace.js';
import { removeCharacters } from './remove-characters.js';
import { stringContains } from './string-contains.js';
import { substring } from './substring.js';
import { textLength } from './text-length.js';
import { trimWhitespace } from './trim-whitespace.js';

/** §4.4 Text, plus trim_whitespace (catalogued under §4.3 Format, implemented with the text helpers). */
export const textPrimitives: Primitive[] = [
  trimWhitespace,
  findReplace,
  extractText,
  textLength,
  padText,
  removeCharacters,
  stringContains,
  substring,
  regexReplace,
  regexExtract,
];
