import { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Warning } from '../../plan/types.js';
import { inferColumnType } from '../../csv/infer-types.js';
import { columnValues, type ColumnType, type DataTable } from '../../table.js';
import { parseDateColumn } from '../../values/dates/column.js';
import { changeColumnType } from '../columns/change-column-type.js';
import { listedColumns, rate } from './shared.js';

const inferTypesParams = params({
  columns: columnList.nullable().default(null),
  apply_conversion: z.boolean().default(false),
  sample_size: z.number().int().min(1).default(1000),
});

type InferTypesParams = z.infer<typeof inferTypesParams>;

interface TypeInfo {
  current_type: ColumnType;
  inferred_type: ColumnType | 'unknown';
  confidence: number;
  reason: string;
}

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);

/** The first rule of §4.9 `infer_types` that holds for a string column's sampled values. */
function inferText(column: string, sample: string[]): Omit<TypeInfo, 'current_type'> {
  const n = sample.length;
  if (n === 0) return { inferred_type: 'unknown', confidence: 0, reason: 'No non-null values to sample.' };
  // The CSV reader's own rules (§2.6) decide integer and float, so `007` stays text here as it does on upload.
  const reader = inferColumnType(sample);
  if (reader === 'integer') return { inferred_type: 'integer', confidence: 0.9, reason: `All ${n} sampled values are whole numbers.` };
  if (reader === 'float') return { inferred_type: 'float', confidence: 0.9, reason: `All ${n} sampled values are numbers.` };
  if (sample.every((v) => BOOLEAN_WORDS.has(v.trim().toLowerCase()))) {
    return { inferred_type: 'boolean', confidence: 0.95, reason: `All ${n} sampled values are yes/no words.` };
  }
  const parsed = parseDateColumn(column, sample, 'string').parsed;
  if (parsed / n >= 0.8) {
    return { inferred_type: 'datetime', confidence: rate(parsed, n), reason: `${parsed} of ${n} sampled values parse as dates.` };
  }
  return { inferred_type: 'string', confidence: 0.8, reason: `The sampled values are text (${parsed} of ${n} parse as dates, fewer than 80%).` };
}

function infer(dt: DataTable, name: string, sampleSize: number): TypeInfo {
  const type = dt.schema.find((c) => c.name === name)!.type;
  if (type !== 'string') return { current_type: type, inferred_type: type, confidence: 1, reason: `The column already has type ${type}.` };
  const sample: string[] = [];
  for (const v of columnValues(dt, name)) {
    if (sample.length >= sampleSize) break;
    if (v !== null) sample.push(v as string);
  }
  return { current_type: type, ...inferText(name, sample) };
}

/** `infer_types` (§4.9): what type each text column really holds; optionally converts them. */
export const inferTypes: Primitive<InferTypesParams> = {
  name: 'infer_types',
  title: 'Infer column types',
  category: 'quality',
  description:
    'Looks at a sample of each text column and reports whether it really holds integers, decimals, yes/no values or dates, with a confidence; with apply_conversion it converts those columns (unreadable values become null).',
  params: inferTypesParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => listedColumns(p.columns),
  outputSchema: (p, { schema }) => (p.apply_conversion ? 'dynamic' : schema),
  run(dt, p, ctx) {
    const names = p.columns ?? dt.schema.map((c) => c.name);
    const info: Record<string, TypeInfo> = {};
    for (const name of names) info[name] = infer(dt, name, p.sample_size);
    const applied: string[] = [];
    const warnings: Warning[] = [];
    let table = dt;
    if (p.apply_conversion) {
      for (const name of names) {
        const { current_type, inferred_type } = info[name];
        if (inferred_type === 'unknown' || inferred_type === current_type) continue;
        const out = changeColumnType.run(table, { column: name, to_type: inferred_type, date_format: null, errors: 'coerce', day_first: null }, ctx);
        table = out.table;
        warnings.push(...(out.warnings ?? []));
        applied.push(name);
      }
    }
    return { table, warnings, metadata: { type_info: info, conversions_applied: applied } };
  },
  render: (p) => ({ js: mdCall('infer_types', p, !p.apply_conversion), sql: null }),
  summary: (p) => `${p.apply_conversion ? 'detect and convert' : 'detect'} the types of ${p.columns ? p.columns.join(', ') : 'all columns'}`,
  examples: [
    { prompt: 'what types do my columns really have?', params: {} },
    { prompt: 'fix the column types: numbers and dates stored as text', params: { apply_conversion: true } },
    { prompt: 'convert amount and order_date to their proper types', params: { columns: ['amount', 'order_date'], apply_conversion: true } },
  ],
};
