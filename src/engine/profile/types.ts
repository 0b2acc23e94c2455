/**
 * The data profile (API.md §8) and its compact upload form (API.md §7.1). Profiles travel inside
 * events, so every field is plain JSON: no `undefined`, `NaN`, `Infinity` or `Date`.
 */
import type { JsonCell, JsonRecord } from '../records.js';

export type Severity = 'info' | 'warning' | 'critical';

export type IssueType =
  | 'duplicate_rows'
  | 'empty_rows'
  | 'ragged_lines'
  | 'skipped_lines'
  | 'renamed_headers'
  | 'footer_rows'
  | 'missing_values'
  | 'null_placeholder'
  | 'whitespace'
  | 'whitespace_only'
  | 'inconsistent_casing'
  | 'possible_typos'
  | 'mixed_date_formats'
  | 'unparseable_dates'
  | 'dates_as_text'
  | 'mixed_phone_formats'
  | 'mixed_currency_formats'
  | 'mixed_percentage_formats'
  | 'numbers_stored_as_text'
  | 'invalid_emails'
  | 'outliers'
  | 'constant_column';

export interface ProfileIssue {
  issue_type: IssueType;
  severity: Severity;
  /** null for dataset-level issues */
  column: string | null;
  description: string;
  affected_count: number;
  /** of the rows, 0–100, 2 d.p. */
  affected_percent: number;
  suggestion: string;
  /** up to 5 distinct example texts, first appearance first */
  examples: string[];
}

export type Dtype = 'int64' | 'float64' | 'bool' | 'object' | 'datetime64[ns]';
export type InferredType = 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'string' | 'empty';
export type SemanticType =
  | 'id'
  | 'email'
  | 'url'
  | 'phone'
  | 'zipcode'
  | 'date'
  | 'datetime'
  | 'time'
  | 'currency'
  | 'percentage'
  | 'boolean'
  | 'numeric'
  | 'category'
  | 'name'
  | 'text'
  | 'unknown';

export interface ColumnStatistics {
  mean: number | null;
  median: number | null;
  std: number | null;
  q1: number | null;
  q3: number | null;
  skewness: number | null;
  outlier_count: number;
  /** [lower, upper]: values outside q1 − 1.5·IQR … q3 + 1.5·IQR are outliers */
  outlier_bounds: [number, number] | null;
}

export interface TopValue {
  value: JsonCell;
  count: number;
  /** of the non-null values, 0–100, 2 d.p. */
  percent: number;
}

export interface ColumnDistribution {
  top_values: TopValue[];
  cardinality: number;
  is_categorical: boolean;
}

export interface ColumnProfile {
  name: string;
  dtype: Dtype;
  inferred_type: InferredType;
  /** strftime-style format of dates (the dominant one when they are mixed), else null */
  date_format: string | null;
  semantic_type: SemanticType;
  detected_pattern: string | null;
  null_count: number;
  null_percent: number;
  /** always 0: the reader stores empty text as null (PRIMITIVES.md §2.1); kept for clients */
  empty_string_count: number;
  whitespace_only_count: number;
  unique_count: number;
  is_unique: boolean;
  sample_values: JsonCell[];
  min_value: JsonCell;
  max_value: JsonCell;
  statistics: ColumnStatistics | null;
  distribution: ColumnDistribution;
  issues: ProfileIssue[];
}

export interface Profile {
  row_count: number;
  column_count: number;
  columns: ColumnProfile[];
  sample_rows: JsonRecord[];
  file_size_bytes: number | null;
  encoding_detected: string;
  delimiter_detected: string;
  detected_header_row: number;
  header_confidence: number;
  /** 1-based physical lines above the header that were skipped */
  skipped_rows: number[];
  /** 0-based index of the last row before any footer rows; null for an empty table */
  detected_data_end_row: number | null;
  /** 0-based row indexes of trailing footer rows (totals, notes) */
  detected_footer_rows: number[];
  footer_type: 'totals' | 'notes' | null;
  duplicate_row_count: number;
  complete_row_count: number;
  /** dataset-level issues; column issues are in `columns[].issues` */
  issues: ProfileIssue[];
  warnings: string[];
}

export interface ProfileSummaryColumn {
  name: string;
  dtype: Dtype;
  semantic_type: SemanticType;
  null_count: number;
  null_percent: number;
  unique_count: number;
}

/** The compact profile of the upload response (API.md §7.1). */
export interface ProfileSummary {
  row_count: number;
  column_count: number;
  columns: ProfileSummaryColumn[];
  issues: string[];
  duplicate_row_count: number;
}
