/** The engine's public surface: tables, CSV in and out, records and profiles. */
export {
  columnNames,
  columnTextRenderer,
  columnValues,
  datetimeFormOf,
  datetimeText,
  floatText,
  integerText,
  makeDataTable,
  rowCount,
  sliceRows,
  textOf,
  type CellValue,
  type ColumnSchema,
  type ColumnType,
  type DataTable,
  type DatetimeForm,
} from './table.js';
export { toRecords, jsonValue, type JsonCell, type JsonRecord, type RecordWindow } from './records.js';
export {
  readCsv,
  readCanonicalCsv,
  writeCsv,
  type ReadCsvResult,
  type WriteCsvOptions,
  type ReadCsvOptions,
  type IngestReport,
  type BadLine,
  type RenamedHeader,
  type SkippedLine,
  type CsvDelimiter,
  type CsvEncoding,
  type DelimiterOption,
  type EncodingOption,
} from './csv/index.js';
export * from './profile/index.js';
