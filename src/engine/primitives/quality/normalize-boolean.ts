import { z } from 'zod';
import { column, params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import type { CellValue, ColumnType } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { columnTexts, distinctSamples, oneColumn, scalarText } from './shared.js';

const normalizeBooleanParams = params({
  column,
  true_values: z.array(scalar).nullable().default(null),
  false_values: z.array(scalar).nullable().default(null),
  output_format: z.enum(['boolean', 'integer', 'string']).default('boolean'),
  null_handling: z.enum(['keep', 'true', 'false']).default('keep'),
});

type NormalizeBooleanParams = z.infer<typeof normalizeBooleanParams>;

const DEFAULT_TRUE = ['yes', 'y', 'true', 't', '1', 'on', '1.0'];
const DEFAULT_FALSE = ['no', 'n', 'false', 'f', '0', 'off', '0.0'];

/** A side of the lookup: its supplied values' text forms (trimmed, lower-cased), or the defaults. */
function side(values: readonly (string | number | boolean | null)[] | null, defaults: string[]): Set<string> {
  if (values === null) return new Set(defaults);
  return new Set(values.map(scalarText).filter((t): t is string => t !== null).map((t) => t.trim().toLowerCase()));
}

const OUTPUT_TYPE: Record<NormalizeBooleanParams['output_format'], ColumnType> = { boolean: 'boolean', integer: 'integer', string: 'string' };

function written(value: boolean | null, format: NormalizeBooleanParams['output_format']): CellValue {
  if (value === null) return null;
  if (format === 'integer') return value ? 1 : 0;
  if (format === 'string') return value ? 'true' : 'false';
  return value;
}

/** `normalize_boolean` (§4.9): yes/no, Y/N, 1/0, on/off… become one boolean representation. */
export const normalizeBoolean: Primitive<NormalizeBooleanParams> = {
  name: 'normalize_boolean',
  title: 'Normalize yes/no values',
  category: 'quality',
  description:
    'Rewrites a column of yes/no-like values (yes, y, true, t, 1, on / no, n, false, f, 0, off, or custom lists) as booleans, 1/0 or "true"/"false"; unrecognized values become null.',
  params: normalizeBooleanParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: OUTPUT_TYPE[p.output_format] } : c)),
  run(dt, p) {
    const trueSide = side(p.true_values, DEFAULT_TRUE);
    const falseSide = side(p.false_values, DEFAULT_FALSE);
    const onNull = p.null_handling === 'keep' ? null : p.null_handling === 'true';
    const unknown: string[] = [];
    const parsed = columnTexts(dt, p.column).map((t): boolean | null => {
      if (t === null) return onNull;
      const key = t.trim().toLowerCase();
      if (trueSide.has(key)) return true;
      if (falseSide.has(key)) return false;
      unknown.push(t);
      return null;
    });
    const trueCount = parsed.filter((v) => v === true).length;
    const falseCount = parsed.filter((v) => v === false).length;
    return {
      table: setColumns(dt, [{ name: p.column, type: OUTPUT_TYPE[p.output_format], values: parsed.map((v) => written(v, p.output_format)) }]),
      metadata: {
        true_count: trueCount,
        false_count: falseCount,
        null_count: parsed.length - trueCount - falseCount,
        unknown_count: unknown.length,
        unknown_values: distinctSamples(unknown, 10),
      },
    };
  },
  render: (p) => ({ js: mdCall('normalize_boolean', p), sql: null }),
  summary: (p) => `normalize ${p.column} to ${p.output_format === 'boolean' ? 'true/false' : p.output_format === 'integer' ? '1/0' : '"true"/"false" text'}`,
  examples: [
    { prompt: 'turn the subscribed column (Yes/No/Y/N) into true and false', params: { column: 'subscribed' } },
    { prompt: 'make active 1 or 0, treating blanks as 0', params: { column: 'active', output_format: 'integer', null_handling: 'false' } },
    { prompt: 'opt_in uses "agreed" and "declined": make it boolean', params: { column: 'opt_in', true_values: ['agreed'], false_values: ['declined'] } },
  ],
};
