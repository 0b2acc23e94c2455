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
 *
 * A reader over a piece of a larger text (`final: false`) never returns a record that might go on in
 * the next piece: it stops before it, and `consumed` says where the carried-over text starts.
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
  /** Offset of the first character not yet returned in a record (after the end: the text's length). */
  readonly consumed: number;
  /** 1-based physical line at `consumed`. */
  readonly line: number;
}

export interface RecordReaderOptions {
  /** False for a piece of a larger text: a record that reaches the piece's end is left for the next piece. */
  final?: boolean;
  /** Physical line number of the text's first character (pieces after the first). */
  startLine?: number;
}

/** Thrown inside a non-final piece when a record reaches the piece's end; never escapes the reader. */
const INCOMPLETE = Symbol('incomplete record');

function parseError(line: number, column: number, message: string): AppError {
  return new AppError('CSV_PARSE_ERROR', `The CSV file is malformed: ${message.toLowerCase()} (line ${line})`, {
    suggestion: 'Check that every opening quote has a closing quote, or export the file again.',
    details: { errors: [{ line, column, message }], total_errors: 1 },
  });
}

export function createRecordReader(text: string, delimiter: string, options: RecordReaderOptions = {}): RecordReader {
  const delim = delimiter.charCodeAt(0);
  const len = text.length;
  const final = options.final ?? true;
  let pos = 0;
  let line = options.startLine ?? 1;
  let recordLine = line;

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
      if (pos >= len) {
        if (!final) throw INCOMPLETE;
        throw parseError(openLine, column, `Unclosed quote in field ${column}`);
      }
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        if (!final && pos + 1 >= len) throw INCOMPLETE; // a doubled quote may be split between pieces
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

  /** A CR at the end of a piece may be the first half of a CRLF. */
  const splitBreak = (): boolean => !final && pos + 1 >= len && text.charCodeAt(pos) === CR;

  function nextSpans(out: FieldSpans): boolean {
    out.count = 0;
    while (pos < len && !splitBreak() && lineBreak()) {
      /* skip blank lines */
    }
    if (pos >= len || splitBreak()) return false;
    recordLine = line;
    if (final) return recordSpans(out);
    const start = pos;
    try {
      return recordSpans(out);
    } catch (error) {
      if (error !== INCOMPLETE) throw error;
      pos = start;
      line = recordLine;
      out.count = 0;
      return false;
    }
  }

  function recordSpans(out: FieldSpans): boolean {
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
      if (pos >= len) {
        if (!final) throw INCOMPLETE;
        break;
      }
      if (text.charCodeAt(pos) === delim) {
        pos++;
        if (pos >= len) {
          if (!final) throw INCOMPLETE;
          // a trailing delimiter at the end of the text still ends an (empty) field
          const j = out.count++;
          out.starts[j] = out.ends[j] = pos;
          out.texts[j] = undefined;
          break;
        }
        continue;
      }
      if (splitBreak()) throw INCOMPLETE;
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
    get consumed() {
      return pos;
    },
    get line() {
      return line;
    },
  };
}
