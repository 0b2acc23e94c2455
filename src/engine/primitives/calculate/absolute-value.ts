import type { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { newColumnProblem, numericColumn, numericProblem, sqlNum, sqlWithColumn, typeIn, warnings } from './numeric.js';

const absParams = params({
  column,
  new_column: newColumn.nullable().default(null),
});

type AbsParams = z.infer<typeof absParams>;

const target = (p: AbsParams) => p.new_column ?? p.column;
/** The type is kept; a coerced text column gives numbers, typed float (the same text form). */
const resultType = (schema: Schema, name: string) => (typeIn(schema, name) === 'integer' ? 'integer' : 'float');

/** `absolute_value` (§4.5): |x|, in place unless new_column names another column. */
export const absoluteValue: Primitive<AbsParams> = {
  name: 'absolute_value',
  title: 'Absolute value',
  category: 'calculate',
  description: 'Replaces negative numbers by their absolute value, in place or into a new column.',
  params: absParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => [...numericProblem(schema, 'column', p.column), ...newColumnProblem(schema, 'new_column', target(p), [p.column])],
  outputSchema(p, { schema }) {
    const type = resultType(schema, p.column);
    const name = target(p);
    return name === p.column ? schema.map((c) => (c.name === name ? { name, type } : c)) : [...schema, { name, type }];
  },
  run(dt, p) {
    const { values, warning } = numericColumn(dt, p.column);
    let negatives = 0;
    const out = values.map((x) => {
      if (x === null) return null;
      if (x < 0) negatives++;
      return Math.abs(x);
    });
    return {
      table: setColumns(dt, [{ name: target(p), type: resultType(dt.schema, p.column), values: out }]),
      warnings: warnings(warning),
      metadata: { negatives_converted: negatives },
    };
  },
  render: (p, schema) => ({ js: mdCall('absolute_value', p), sql: sqlWithColumn(schema, target(p), `ABS(${sqlNum(schema, p.column)})`) }),
  summary: (p) => `${target(p)} = absolute value of ${p.column}`,
  examples: [
    { prompt: 'make all refund amounts positive', params: { column: 'refund_amount' } },
    { prompt: 'add the size of the temperature change without its sign', params: { column: 'temp_change', new_column: 'temp_change_abs' } },
  ],
};

