/**
 * The upload reader (API.md §7.1): bytes → decoded text → delimiter → header → rows → typed
 * columns, with an ingest report of every decision made along the way. Everything is checked
 * before a table is returned, so a failed read changes nothing downstream.
 *
 * `readCanonicalCsv` reads the engine's own output (UTF-8, `,`, header on the first line) without
 * any detection, so a stored version always reads back the same way.
 */
import { AppError } from '../../errors/index.js';
import { columnValues, makeDataTable, type CellValue, type ColumnSchema, type DataTable } from '../table.js';
import { decodeCsvBytes, decodeUtf8Pieces, EMPTY_MESSAGE, textHead } from './decode.js';
import { DELIMITER_SAMPLE_CHARS, detectDelimiter } from './detect-delimiter.js';
import { detectHeader } from './detect-header.js';
import { headerNames } from './header-names.js';
import { typedSpanColumn } from './infer-types.js';
import { ColumnCollector } from './column-collector.js';
import { createPieceReader, type PieceReader } from './piece-reader.js';
import { createFieldSpans, type RecordReader } from './record-reader.js';
import type { IngestReport, ReadCsvOptions } from './types.js';

export interface ReadCsvResult {
  table: DataTable;
  ingest: IngestReport;
}

interface NumberedRecord {
  fields: string[];
  line: number;
}

const HEADER_SCAN = 10;
const MAX_BAD_SHARE = 0.1;
const MAX_ERRORS_LISTED = 20;

function emptyFile(details?: Record<string, unknown>): AppError {
  return new AppError('FILE_READ_ERROR', EMPTY_MESSAGE, {
    suggestion: 'Upload a CSV file with a header row and at least one data row.',
    details,
  });
}

function nextRecord(reader: RecordReader): NumberedRecord | null {
  const fields = reader.next();
  return fields ? { fields, line: reader.recordLine } : null;
}

function badLinesError(collector: ColumnCollector, strict: boolean): AppError {
  const { dataLines } = collector;
  const badCount = strict ? collector.badCount : collector.badCount - collector.repairedCount;
  const listed = strict ? collector.bad : collector.bad.filter((b) => b.action !== 'repaired');
  const errors = listed.slice(0, MAX_ERRORS_LISTED).map((b) => ({
    line: b.line,
    message: `Expected ${b.expected} fields, found ${b.fields}`,
  }));
  const detail = strict
    ? `${badCount} line${badCount === 1 ? ' has' : 's have'} the wrong number of fields`
    : `${badCount} of ${dataLines} data lines have the wrong number of fields (more than 10%)`;
  return new AppError('CSV_PARSE_ERROR', detail, {
    suggestion: strict
      ? "Fix the listed lines, or upload with bad_lines='report' to pad short lines and skip long ones."
      : 'Check the delimiter and quoting of the file, or choose the delimiter explicitly.',
    details: { errors, total_errors: badCount },
  });
}

function buildTable(names: string[], collector: ColumnCollector): DataTable {
  const schema: ColumnSchema[] = [];
  const columns: CellValue[][] = [];
  names.forEach((name, i) => {
    const { type, values } = typedSpanColumn(collector.columns[i]);
    schema.push({ name, type });
    columns.push(values);
  });
  return makeDataTable(schema, columns);
}

/**
 * Rows the text probably holds, from the line length of its first 64K characters (sizes the
 * column buffers once). Never more than a row of `width` fields could need (one character per
 * field), so odd first lines cannot make it allocate more than a few bytes per character.
 */
function estimateRows(pieces: readonly string[], width: number): number {
  const text = textHead(pieces, 65536);
  const total = pieces.reduce((n, p) => n + p.length, 0);
  const sample = text.length;
  let lines = 0;
  for (let i = 0; i < sample; i++) if (text.charCodeAt(i) === 10) lines++;
  if (lines === 0) return 1024;
  const estimate = Math.ceil((total / sample) * lines * 1.05) + 16;
  return Math.min(estimate, Math.ceil(total / Math.max(1, width)) + 16);
}

/** Adds the rest of the reader's records to the collector, telling it whenever their text changes. */
function collectRest(reader: PieceReader, collector: ColumnCollector, eachRecord?: () => void): void {
  const spans = createFieldSpans();
  let textIndex = -1;
  while (reader.nextSpans(spans)) {
    if (reader.textIndex !== textIndex) {
      textIndex = reader.textIndex;
      collector.useText(reader.text);
    }
    collector.addSpans(spans, reader.recordLine);
    eachRecord?.();
  }
}

/** `pieceBytes` only changes where the decoded text is cut; tests use small pieces to cut through records. */
export function readCsv(bytes: Uint8Array, options: ReadCsvOptions = {}, pieceBytes?: number): ReadCsvResult {
  const { pieces, encoding } = decodeCsvBytes(bytes, options.encoding ?? 'auto', pieceBytes);
  const delimiter = !options.delimiter || options.delimiter === 'auto' ? detectDelimiter(textHead(pieces, DELIMITER_SAMPLE_CHARS)) : options.delimiter;
  const reader = createPieceReader(pieces, delimiter);

  const requested = options.header_row ?? 'auto';
  const scanCount = typeof requested === 'number' ? Math.max(HEADER_SCAN, requested + 1) : HEADER_SCAN;
  const first: NumberedRecord[] = [];
  for (let r = nextRecord(reader); r; r = first.length < scanCount ? nextRecord(reader) : null) first.push(r);
  if (first.length === 0) throw emptyFile();

  let headerIndex: number;
  let confidence = 1;
  if (typeof requested === 'number') {
    if (!Number.isInteger(requested) || requested < 0 || requested >= first.length) {
      throw emptyFile({ header_row: requested, records: first.length });
    }
    headerIndex = requested;
  } else {
    const guess = detectHeader(first.map((r) => r.fields));
    headerIndex = guess.index;
    confidence = guess.confidence;
  }

  const header = first[headerIndex];
  const { names, renamed } = headerNames(header.fields);
  const collector = new ColumnCollector(names.length, delimiter, estimateRows(pieces, names.length));
  for (const r of first.slice(headerIndex + 1)) collector.addFields(r.fields, r.line);
  // The reader resumes after the scanned records (and keeps answering false once at the end).
  collectRest(reader, collector);

  if (collector.dataLines === 0) throw emptyFile();
  if (options.bad_lines === 'error' && collector.badCount > 0) throw badLinesError(collector, true);
  if (collector.badCount - collector.repairedCount > collector.dataLines * MAX_BAD_SHARE) {
    throw badLinesError(collector, false);
  }

  const ingest: IngestReport = {
    encoding,
    delimiter,
    header_row: headerIndex,
    header_confidence: confidence,
    skipped_lines: first.slice(0, headerIndex).map((r) => ({
      line: r.line,
      text: r.fields.join(delimiter).slice(0, 200),
    })),
    renamed_headers: renamed,
    bad_lines: collector.bad,
    bad_line_count: collector.badCount,
    size_bytes: bytes.length,
  };
  const table = buildTable(names, collector);
  // Nothing but delimiters: no header text and not one value is no data, whatever the shape.
  if (header.fields.every((f) => f.trim() === '') && table.schema.every((c) => columnValues(table, c.name).every((v) => v === null))) {
    throw emptyFile();
  }
  return { table, ingest };
}

/** Reads canonical CSV (the writer's output). A record of the wrong width means the bytes are not canonical. */
export function readCanonicalCsv(bytes: Uint8Array, pieceBytes?: number): DataTable {
  const pieces = decodeUtf8Pieces(bytes, pieceBytes);
  if (pieces.length > 0 && pieces[0].charCodeAt(0) === 0xfeff) pieces[0] = pieces[0].slice(1);
  const reader = createPieceReader(pieces, ',');
  const header = reader.next();
  if (!header) return makeDataTable([], []);
  const { names } = headerNames(header);
  const collector = new ColumnCollector(names.length, ',', estimateRows(pieces, names.length));
  collectRest(reader, collector, () => {
    if (collector.badCount > 0) throw badLinesError(collector, true);
  });
  return buildTable(names, collector);
}
