import { z } from 'zod';
import type { ColumnRef, Problem } from '../../plan/types.js';
import { columnTextRenderer, columnValues, textOf, type ColumnType, type DataTable } from '../../table.js';
import { roundDecimal } from '../../values/numbers.js';

/** Helpers shared by the quality primitives (PRIMITIVES.md §4.9). */

/** A rate in metadata: rounded half away from zero to 4 decimals (§4.9, §2.5); 0 when there is nothing to divide. */
export const rate = (count: number, total: number): number => (total === 0 ? 0 : roundDecimal(count / total, 4));

/** The text form (§2.2) of every cell of a column, datetimes printed in the column's form. */
export function columnTexts(dt: DataTable, name: string): (string | null)[] {
  const index = dt.schema.findIndex((c) => c.name === name);
  const toText = columnTextRenderer(dt, index);
  return columnValues(dt, name).map(toText);
}

/** Rule D (§2.8): an output column must not already exist. */
export function columnExists(param: string, name: string, schema: readonly { name: string }[]): Problem[] {
  return schema.some((c) => c.name === name) ? [{ code: 'COLUMN_EXISTS', param, message: `column "${name}" already exists.` }] : [];
}

/** The column references of a `column` parameter. */
export const oneColumn = (column: string, param = 'column'): ColumnRef[] => [{ param, column }];

/** The column references of an optional `column[]` parameter. */
export const listedColumns = (columns: readonly string[] | null, param = 'columns'): ColumnRef[] =>
  (columns ?? []).map((column, i) => ({ param: `${param}[${i}]`, column }));

/** Type words of §2.12: what each accepts among the column types. */
const TYPE_WORDS: Record<string, readonly ColumnType[]> = {
  string: ['string'],
  text: ['string'],
  integer: ['integer'],
  int: ['integer'],
  float: ['float'],
  double: ['float'],
  decimal: ['float'],
  number: ['integer', 'float'],
  numeric: ['integer', 'float'],
  boolean: ['boolean'],
  bool: ['boolean'],
  datetime: ['datetime'],
  date: ['datetime'],
  timestamp: ['datetime'],
};

export const typeWord = z.enum(Object.keys(TYPE_WORDS) as [string, ...string[]]);

/** `column → type word` objects of validate_schema, compare_schemas and generate_drift_report. */
export const expectedTypes = z.record(z.string(), typeWord).nullable().default(null);

export const typeSatisfies = (word: string, type: ColumnType): boolean => TYPE_WORDS[word]?.includes(type) ?? false;

/** Finds a column by name, case-insensitively unless asked (first in table order). */
export function findColumn<T extends { name: string }>(schema: readonly T[], name: string, caseSensitive: boolean): T | undefined {
  if (caseSensitive) return schema.find((c) => c.name === name);
  const folded = name.toLowerCase();
  return schema.find((c) => c.name.toLowerCase() === folded);
}

/** Distinct values in first-appearance order, at most `limit`. */
export function distinctSamples<T>(values: Iterable<T>, limit: number): T[] {
  const seen = new Set<T>();
  for (const v of values) {
    if (seen.size >= limit) break;
    seen.add(v);
  }
  return [...seen];
}

/** The text form of a scalar parameter value (§2.2): numbers as floats print, booleans `true`/`false`. */
export function scalarText(value: string | number | boolean | null): string | null {
  if (value === null) return null;
  return textOf(value, typeof value === 'number' ? 'float' : typeof value === 'boolean' ? 'boolean' : 'string');
}

/** Counts of each text, most frequent first, ties by first appearance. */
export function countsByFrequency(texts: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  const entries = [...counts.entries()].map((e, i) => ({ e, i }));
  entries.sort((a, b) => b.e[1] - a.e[1] || a.i - b.i);
  return entries.map((x) => x.e);
}
