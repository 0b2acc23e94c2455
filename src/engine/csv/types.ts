/** Reading options and the ingest report of the upload reader (API.md §7.1). */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type EncodingOption = 'auto' | CsvEncoding;
export type CsvDelimiter = ',' | ';' | '\t' | '|';
export type DelimiterOption = 'auto' | CsvDelimiter;

export interface ReadCsvOptions {
  delimiter?: DelimiterOption;
  encoding?: EncodingOption;
  /** `auto`, or the 0-based index of the header among the first records (blank lines not counted). */
  header_row?: 'auto' | number;
  bad_lines?: 'report' | 'error';
}

/** A line above the detected header; `line` is the 1-based physical line. */
export interface SkippedLine {
  line: number;
  text: string;
}

/** A header cell that was empty (→ `column_<n>`) or repeated (→ `_2`, `_3`). `position` is 1-based. */
export interface RenamedHeader {
  position: number;
  original: string;
  name: string;
}

/**
 * A record whose field count differs from the header's. Short ones are padded with nulls, long ones
 * skipped — unless the extra fields come from a textual date split by an unquoted comma, which is
 * joined back (`repaired`, see repair-split-dates.ts).
 */
export interface BadLine {
  line: number;
  fields: number;
  expected: number;
  action: 'padded' | 'skipped' | 'repaired';
}

export interface IngestReport {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header_row: number;
  header_confidence: number;
  skipped_lines: SkippedLine[];
  renamed_headers: RenamedHeader[];
  /** The first {@link MAX_LISTED_BAD_LINES}; `bad_line_count` is the total. */
  bad_lines: BadLine[];
  bad_line_count: number;
  size_bytes: number;
}

/** Keeps ingest reports (which travel in events) small on badly broken files. */
export const MAX_LISTED_BAD_LINES = 100;
/** A single field longer than this is refused as structurally broken (API.md §7.1). */
export const MAX_FIELD_CHARS = 10 * 1024 * 1024;
