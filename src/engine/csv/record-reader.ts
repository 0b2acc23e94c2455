/**
 * RFC 4180 record reader over decoded text. It scans char codes and reports each field as a span
 * of the text (start, end), so the bulk reader can keep offsets instead of millions of strings;
 * only a quoted field with doubled quotes (or text after its closing quote) becomes a string.
 *
 * - Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and CR all end
 *   a line, and physical line numbers (1-based, for error messages) count each once.
 * - Lenient where it costs nothing: a quote inside an unquoted field is literal, and text after a
 *   closing quote is appended (`"ab"c` → `abc`), as spreadsheet programs read them.
 * - Blank lines (nothing between two line breaks) are not records; `""` on a line is one.
 * - An unclosed quote or a field over 10 MiB throws CSV_PARSE_ERROR with its line and column.
 */
import { AppError } from '../../errors/index.js';
import { MAX_FIELD_CHARS } from './types.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One record's fields: `texts[i]` when field i had to be unescaped, else `text.slice(starts[i], ends[i])`. */
export interface FieldSpans {
  count: number;
  starts: number[];
  ends: number[];
  texts: (string | undefined)[];
}

export function createFieldSpans(): FieldSpans {
  return { count: 0, starts: [], ends: [], texts: [] };
}

export interface RecordReader {
  /** The next record's fields, or null at the end of the text. */
  next(): string[] | null;
  /** Like `next()`, but fills `into` (emptied first); returns false at the end. */
  nextInto(into: string[]): boolean;
  /** The next record as spans of the text; returns false at the end. */
  nextSpans(into: FieldSpans): boolean;
  /** 1-based physical line on which the record last returned started. */
  readonly recordLine: number;
}

function parseError(line: number, column: number, message: string): AppError {
  return new AppError('CSV_PARSE_ERROR', `The CSV file is malformed: ${message.toLowerCase()} (line ${line})`, {
    suggestion: 'Check that every opening quote has a closing quote, or export the file again.',
    details: { errors: [{ line, column, message }], total_errors: 1 },
  });
}

export function createRecordReader(text: string, delimiter: string): RecordReader {
  const delim = delimiter.charCodeAt(0);
  const len = text.length;
  let pos = 0;
  let line = 1;
  let recordLine = 1;

  const tooLong = (column: number): AppError => parseError(recordLine, column, `Field ${column} is longer than 10 MiB`);

  /** Moves `pos` to the end of an unquoted run (delimiter, line break or end of text). */
  function skipUnquoted(column: number): void {
    const start = pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === delim || c === LF || c === CR) break;
      pos++;
    }
    if (pos - start > MAX_FIELD_CHARS) throw tooLong(column);
  }

  /** Reads a quoted field at `pos`; records its span, or its unescaped text when it has to be built. */
  function quotedField(out: FieldSpans, i: number, column: number): void {
    const openLine = line;
    pos++; // opening quote
    const contentStart = pos;
    let built: string | undefined;
    let start = pos;
    for (;;) {
      if (pos >= len) throw parseError(openLine, column, `Unclosed quote in field ${column}`);
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        if (pos + 1 < len && text.charCodeAt(pos + 1) === QUOTE) {
          built = (built ?? '') + text.slice(start, pos + 1); // keep one quote of the pair
          pos += 2;
          start = pos;
          continue;
        }
        break;
      }
      if (c === LF) line++;
      else if (c === CR && (pos + 1 >= len || text.charCodeAt(pos + 1) !== LF)) line++;
      pos++;
      if (pos - contentStart > MAX_FIELD_CHARS) throw tooLong(column);
    }
    const contentEnd = pos;
    pos++; // closing quote
    // Text between the closing quote and the next delimiter is kept as written.
    const tailStart = pos;
    if (pos < len) skipUnquoted(column);
    if (built !== undefined || pos > tailStart) {
      built = (built ?? '') + text.slice(start, contentEnd) + text.slice(tailStart, pos);
      if (built.length > MAX_FIELD_CHARS) throw tooLong(column);
    }
    out.starts[i] = contentStart;
    out.ends[i] = contentEnd;
    out.texts[i] = built;
  }

  /** Consumes a line break at `pos` if there is one. */
  function lineBreak(): boolean {
    const c = text.charCodeAt(pos);
    if (c === LF) pos++;
    else if (c === CR) pos += pos + 1 < len && text.charCodeAt(pos + 1) === LF ? 2 : 1;
    else return false;
    line++;
    return true;
  }

  function nextSpans(out: FieldSpans): boolean {
    out.count = 0;
    while (pos < len && lineBreak()) {
      /* skip blank lines */
    }
    if (pos >= len) return false;
    recordLine = line;
    for (;;) {
      const i = out.count++;
      if (text.charCodeAt(pos) === QUOTE) {
        quotedField(out, i, i + 1);
      } else {
        const start = pos;
        skipUnquoted(i + 1);
        out.starts[i] = start;
        out.ends[i] = pos;
        out.texts[i] = undefined;
      }
      if (pos >= len) break;
      if (text.charCodeAt(pos) === delim) {
        pos++;
        if (pos >= len) {
          // a trailing delimiter at the end of the text still ends an (empty) field
          const j = out.count++;
          out.starts[j] = out.ends[j] = pos;
          out.texts[j] = undefined;
          break;
        }
        continue;
      }
      lineBreak();
      break;
    }
    return true;
  }

  const scratch = createFieldSpans();

  function nextInto(fields: string[]): boolean {
    fields.length = 0;
    if (!nextSpans(scratch)) return false;
    for (let i = 0; i < scratch.count; i++) {
      fields.push(scratch.texts[i] ?? text.slice(scratch.starts[i], scratch.ends[i]));
    }
    return true;
  }

  return {
    next: () => {
      const fields: string[] = [];
      return nextInto(fields) ? fields : null;
    },
    nextInto,
    nextSpans,
    get recordLine() {
      return recordLine;
    },
  };
}
