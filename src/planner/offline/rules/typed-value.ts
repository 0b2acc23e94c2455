import type { ColumnType } from '../../../engine/index.js';
import { isQuoted, unquote } from '../text/quotes.js';
import { EMPTY_WORDS, parseNumber, type Scalar } from '../text/values.js';

/**
 * A literal written into a column (fill value, constant, default), typed as the column holds it so the step does
 * not widen the column by accident: numbers for numeric columns, booleans for boolean ones, text otherwise
 * (codes such as "00501" stay text).
 */
export function valueForColumn(raw: string, type: ColumnType | undefined): Scalar {
  const quoted = isQuoted(raw);
  const text = unquote(raw);
  if (!quoted && /^zero$/i.test(text)) return type === 'string' ? '0' : 0;
  if (type === 'integer' || type === 'float') return (quoted ? null : parseNumber(text)) ?? text;
  if (type === 'boolean') {
    if (/^(?:true|yes)$/i.test(text)) return true;
    if (/^(?:false|no)$/i.test(text)) return false;
    return text;
  }
  return text;
}

/** A constant for a new column: its JSON type decides the column type (§4.2 add_column). */
export function constantValue(raw: string): Scalar | null {
  if (isQuoted(raw)) return unquote(raw);
  const text = raw.trim();
  if (EMPTY_WORDS.test(text)) return null;
  if (/^(?:true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return parseNumber(text) ?? text;
}
