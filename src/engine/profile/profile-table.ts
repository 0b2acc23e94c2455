/**
 * `profileTable`: the data profile of API.md §8. One scan per column feeds counts, top values,
 * text facts, the semantic type, statistics and issues; one pass over the rows finds duplicates,
 * empty rows and footers. The same table (and ingest report) always gives the same JSON.
 */
import type { IngestReport } from '../csv/types.js';
import { jsonValue, toRecords } from '../records.js';
import { columnValues, datetimeFormOf, type CellValue, type DataTable, type DatetimeForm } from '../table.js';
import { columnIssues } from './column-issues.js';
import { codesByFrequency, firstValues, scanColumn, type ColumnScan } from './column-scan.js';
import { rowFacts } from './dataset-facts.js';
import { datasetIssues, profileWarnings } from './dataset-issues.js';
import { percentOfRows, round2 } from './issue.js';
import { minMax, numericStatistics, numericValues } from './numeric-stats.js';
import { detectedPattern, isCategorical, semanticTypeOf } from './semantic-type.js';
import { textFacts, type TextFacts } from './text-facts.js';
import type { ColumnProfile, Dtype, Profile, SemanticType } from './types.js';
import { moneyOf, numberOf, percentOf } from './value-patterns.js';

const DTYPE: Record<string, Dtype> = {
  integer: 'int64', float: 'float64', boolean: 'bool', datetime: 'datetime64[ns]', string: 'object',
};
const TOP_VALUES = 10;

/** How a column's values read as numbers: typed numbers as they are, text through its semantic parser. */
function numberReader(scan: ColumnScan, semantic: SemanticType): ((v: CellValue) => number | null) | null {
  if (scan.type === 'integer' || scan.type === 'float') return (v) => v as number;
  if (scan.type !== 'string') return null;
  const text = (v: CellValue): string => String(v).trim();
  if (semantic === 'numeric') return (v) => numberOf(text(v));
  if (semantic === 'currency') return (v) => moneyOf(text(v))?.value ?? null;
  if (semantic === 'percentage') return (v) => percentOf(text(v))?.value ?? null;
  return null;
}

function extremes(scan: ColumnScan, numbers: Float64Array | null, form: DatetimeForm | undefined): [CellValue, CellValue] {
  if (numbers) return minMax(numbers) ?? [null, null];
  if (scan.type !== 'datetime' || scan.distinct.length === 0) return [null, null];
  let min = scan.distinct[0] as Date;
  let max = min;
  for (const v of scan.distinct as Date[]) {
    if (v.getTime() < min.getTime()) min = v;
    if (v.getTime() > max.getTime()) max = v;
  }
  return [jsonValue(min, form), jsonValue(max, form)];
}

function profileColumn(dt: DataTable, index: number): { profile: ColumnProfile; scan: ColumnScan; facts: TextFacts | null } {
  const { name, type } = dt.schema[index];
  const scan = scanColumn(name, type, columnValues(dt, name));
  const nonNull = scan.rows - scan.nullCount;
  const form = type === 'datetime' ? datetimeFormOf(scan.distinct) : undefined;
  const facts = type === 'string' ? textFacts(scan) : null;
  const { semantic, inferred, dateFormat } = semanticTypeOf(scan, facts, form ? !form.hasTime : false);
  const reader = numberReader(scan, semantic);
  const numbers = reader ? numericValues(scan, reader) : null;
  const statistics = numbers && numbers.length > 0 ? numericStatistics(numbers) : null;
  const [min, max] = extremes(scan, numbers && numbers.length > 0 ? numbers : null, form);
  const top = codesByFrequency(scan).slice(0, TOP_VALUES).map((code) => ({
    value: jsonValue(scan.distinct[code], form),
    count: scan.counts[code],
    percent: nonNull === 0 ? 0 : round2((scan.counts[code] / nonNull) * 100),
  }));
  const profile: ColumnProfile = {
    name,
    dtype: DTYPE[type],
    inferred_type: inferred,
    date_format: dateFormat,
    semantic_type: semantic,
    detected_pattern: detectedPattern(semantic, type, facts, dateFormat),
    null_count: scan.nullCount,
    null_percent: percentOfRows(scan.nullCount, scan.rows),
    empty_string_count: 0,
    whitespace_only_count: facts?.whitespaceOnly.count ?? 0,
    unique_count: scan.distinct.length,
    is_unique: nonNull > 0 && scan.nullCount === 0 && scan.distinct.length === nonNull,
    sample_values: firstValues(scan, 5).map((v) => jsonValue(v, form)),
    min_value: jsonValue(min),
    max_value: jsonValue(max),
    statistics,
    distribution: {
      top_values: top,
      cardinality: scan.distinct.length,
      is_categorical: type === 'boolean' ? nonNull > 0 : isCategorical(scan.distinct.length, nonNull),
    },
    issues: columnIssues({ scan, facts, semantic, statistics, numbers }),
  };
  return { profile, scan, facts };
}

export function profileTable(dt: DataTable, ingest?: IngestReport): Profile {
  const rows = dt.table.numRows();
  const columns: ColumnProfile[] = [];
  const scans: ColumnScan[] = [];
  const capped: string[] = [];
  dt.schema.forEach((_, i) => {
    const { profile, scan, facts } = profileColumn(dt, i);
    columns.push(profile);
    scans.push(scan);
    if (facts?.capped) capped.push(profile.name);
  });
  const facts = rowFacts(scans, rows);
  return {
    row_count: rows,
    column_count: dt.schema.length,
    columns,
    sample_rows: toRecords(dt, { limit: 3 }),
    file_size_bytes: ingest?.size_bytes ?? null,
    encoding_detected: ingest?.encoding ?? 'utf-8',
    delimiter_detected: ingest?.delimiter ?? ',',
    detected_header_row: ingest?.header_row ?? 0,
    header_confidence: ingest?.header_confidence ?? 1,
    skipped_rows: ingest?.skipped_lines.map((l) => l.line) ?? [],
    detected_data_end_row: rows === 0 ? null : (facts.footerRows[0] ?? rows) - 1,
    detected_footer_rows: facts.footerRows,
    footer_type: facts.footerType,
    duplicate_row_count: facts.duplicateRows,
    complete_row_count: facts.completeRows,
    issues: datasetIssues(facts, rows, ingest),
    warnings: profileWarnings(ingest, facts, capped),
  };
}
