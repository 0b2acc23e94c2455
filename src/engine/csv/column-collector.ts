/**
 * Gathers a file's data records into columns, applying the ragged-line rules (API.md §7.1):
 * short records are padded with nulls, long ones skipped unless the extra fields are empty or a
 * split date can be joined back. Cells are kept as offsets into the decoded text, not as strings:
 * holding millions of short strings until type inference is what made large reads slow, while a
 * slice made at conversion time dies young. Only unescaped or rebuilt cells are kept as strings.
 * Type inference and conversion read the spans directly (`typedSpanColumn`), so only cells of
 * string columns ever become strings.
 *
 * A large file arrives as several texts (see piece-reader.ts). Offsets are into the text that was
 * current when the row was added: `segments` lists the texts and the first row of each, which
 * every column shares because each record adds one cell to every column.
 */
import type { FieldSpans } from './record-reader.js';
import { repairSplitDates } from './repair-split-dates.js';
import { MAX_LISTED_BAD_LINES, type BadLine } from './types.js';
import { STRING_CELL, type SpanCells, type TextSegments } from './infer-types.js';

/** Read access to one column's raw cells (`null` for an empty field). Arrays qualify too. */
export interface CellSource {
  readonly length: number;
  at(index: number): string | null | undefined;
}

class SpanColumn implements CellSource, SpanCells {
  length = 0;
  starts: Int32Array;
  ends: Int32Array;
  readonly strings: string[] = [];

  constructor(
    readonly segments: TextSegments,
    capacity: number,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  private grow(): void {
    if (this.length < this.starts.length) return;
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  pushSpan(start: number, end: number): void {
    this.grow();
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  pushString(value: string): void {
    if (value === '') return this.pushSpan(0, 0);
    this.grow();
    this.starts[this.length] = this.strings.length;
    this.strings.push(value);
    this.ends[this.length++] = STRING_CELL;
  }

  at(i: number): string | null {
    const end = this.ends[i];
    if (end === STRING_CELL) return this.strings[this.starts[i]];
    const start = this.starts[i];
    return start === end ? null : segmentText(this.segments, i).slice(start, end);
  }
}

/** The text row `row`'s spans point into (binary search: only `at()` reads rows out of order). */
function segmentText(segments: TextSegments, row: number): string {
  const { texts, rowStarts } = segments;
  let lo = 0;
  let hi = texts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rowStarts[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return texts[lo];
}

export class ColumnCollector {
  readonly columns: SpanColumn[];
  private readonly segments: TextSegments = { texts: [], rowStarts: [] };
  private text = '';
  readonly bad: BadLine[] = [];
  badCount = 0;
  /** Repaired lines lose no data, so they do not count toward the 10 % limit. */
  repairedCount = 0;
  dataLines = 0;

  constructor(
    readonly width: number,
    private readonly delimiter: string,
    /** Expected number of rows, to size the column buffers once (they still grow past it). */
    capacity = 1024,
  ) {
    const size = Math.max(16, Math.min(Math.ceil(capacity), 1 << 28));
    this.columns = Array.from({ length: width }, () => new SpanColumn(this.segments, size));
  }

  /** Spans added from now on point into `text`. */
  useText(text: string): void {
    this.text = text;
    this.segments.texts.push(text);
    this.segments.rowStarts.push(this.rows);
  }

  get rows(): number {
    return this.width === 0 ? 0 : this.columns[0].length;
  }

  /** A record already split into strings (the scanned first records, repaired lines). */
  addFields(fields: string[], line: number): void {
    const kept = this.accepted(fields, line);
    if (!kept) return;
    for (let c = 0; c < this.width; c++) this.columns[c].pushString(c < kept.length ? kept[c] : '');
  }

  /** A record as spans of the text: the bulk of a file. */
  addSpans(spans: FieldSpans, line: number): void {
    const { starts, ends, texts } = spans;
    if (spans.count !== this.width) {
      // Rare: ragged or blank. Handle it on strings, with the same rules as addFields.
      const fields: string[] = [];
      for (let i = 0; i < spans.count; i++) fields.push(texts[i] ?? this.text.slice(starts[i], ends[i]));
      return this.addFields(fields, line);
    }
    this.dataLines++;
    for (let c = 0; c < this.width; c++) {
      const text = texts[c];
      if (text !== undefined) this.columns[c].pushString(text);
      else this.columns[c].pushSpan(starts[c], ends[c]);
    }
  }

  /**
   * The fields to keep (missing ones are padded by the caller), or null when the record is dropped
   * (blank or too long). Bad records are reported here.
   */
  private accepted(fields: string[], line: number): string[] | null {
    const width = this.width;
    const count = fields.length;
    // A whitespace-only line in a multi-column file carries no data: treat it as blank.
    if (count === 1 && width > 1 && fields[0].trim() === '') return null;
    this.dataLines++;
    let n = count;
    // Trailing delimiters beyond the header (`a,b,c,`) lose nothing when dropped.
    while (n > width && fields[n - 1] === '') n--;
    if (n > width) {
      const repaired = repairSplitDates(fields.slice(0, n), width, this.delimiter);
      this.report({ line, fields: count, expected: width, action: repaired ? 'repaired' : 'skipped' });
      if (repaired) this.repairedCount++;
      return repaired;
    }
    if (n < width) this.report({ line, fields: count, expected: width, action: 'padded' });
    return fields;
  }

  private report(entry: BadLine): void {
    this.badCount++;
    if (this.bad.length < MAX_LISTED_BAD_LINES) this.bad.push(entry);
  }
}
