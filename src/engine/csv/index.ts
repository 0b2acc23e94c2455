export { readCsv, readCanonicalCsv, type ReadCsvResult } from './read-csv.js';
export { writeCsv, quoteField, escapeFormula, type WriteCsvOptions } from './write-csv.js';
export { decodeCsvBytes, decodeWindows1252, type DecodedText } from './decode.js';
export { detectDelimiter } from './detect-delimiter.js';
export { detectHeader, scoreHeaderCandidate, looksLikeData, type HeaderGuess } from './detect-header.js';
export { headerNames, type HeaderNames } from './header-names.js';
export { inferColumnType, convertColumn, typedColumn } from './infer-types.js';
export { createRecordReader, type RecordReader } from './record-reader.js';
export * from './types.js';
