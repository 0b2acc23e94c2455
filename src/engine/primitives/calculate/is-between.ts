import { z } from 'zod';
import { column, finiteNumber, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Problem, Primitive, Schema, Warning } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { parseDateText } from '../../values/dates/index.js';
import { num } from '../../values/numbers.js';
import { newColumnProblem, numericColumn, numericProblem, sqlNum, sqlWithColumn, typeIn } from './numeric.js';

const bound = z.union([finiteNumber, z.string()]);

const betweenParams = params({
  column,
  min_value: bound,
  max_value: bound,
  new_column: newColumn.nullable().default(null),
  inclusive: z.enum(['both', 'neither', 'left', 'right']).default('both'),
}).superRefine((p, ctx) => {
  if (typeof p.min_value === 'number' && typeof p.max_value === 'number' && p.min_value > p.max_value) {
    ctx.addIssue({ code: 'custom', path: ['min_value'], message: `min_value (${p.min_value}) is greater than max_value (${p.max_value})` });
  }
});

type BetweenParams = z.infer<typeof betweenParams>;

const target = (p: BetweenParams) => p.new_column ?? `${p.column}_in_range`;

/** The bounds as numbers (numeric columns) or instants (datetime columns); null where one does not convert. */
function bounds(p: BetweenParams, schema: Schema): [number | null, number | null] {
  const datetime = typeIn(schema, p.column) === 'datetime';
  const convert = (v: number | string) => (datetime ? (typeof v === 'string' ? (parseDateText(v)?.getTime() ?? null) : null) : num(v));
  return [convert(p.min_value), convert(p.max_value)];
}

function boundProblems(p: BetweenParams, schema: Schema): Problem[] {
  const type = typeIn(schema, p.column);
  if (type !== 'datetime') {
    const wrong = numericProblem(schema, 'column', p.column);
    if (wrong.length) return wrong;
  }
  const [lo, hi] = bounds(p, schema);
  const problems: Problem[] = [];
  const kind = type === 'datetime' ? 'a date' : 'a number';
  if (lo === null) problems.push({ code: 'TYPE_MISMATCH', param: 'min_value', message: `${JSON.stringify(p.min_value)} is not ${kind}; column "${p.column}" is ${type}.` });
  if (hi === null) problems.push({ code: 'TYPE_MISMATCH', param: 'max_value', message: `${JSON.stringify(p.max_value)} is not ${kind}; column "${p.column}" is ${type}.` });
  if (lo !== null && hi !== null && lo > hi) problems.push({ code: 'INVALID_PARAM', param: 'min_value', message: `min_value (${p.min_value}) is greater than max_value (${p.max_value})` });
  return problems;
}

const includes = (p: BetweenParams) => [p.inclusive === 'both' || p.inclusive === 'left', p.inclusive === 'both' || p.inclusive === 'right'];

/** `is_between` (§4.5): a boolean column, true when the value lies within the bounds; a null cell → false. */
export const isBetween: Primitive<BetweenParams> = {
  name: 'is_between',
  title: 'Is between',
  category: 'calculate',
  description: 'Adds a true/false column saying whether a number or date lies between two bounds (inclusive or not).',
  params: betweenParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => [...boundProblems(p, schema), ...newColumnProblem(schema, 'new_column', target(p))],
  outputSchema: (p, { schema }) => [...schema, { name: target(p), type: 'boolean' }],
  run(dt, p) {
    const [lo, hi] = bounds(p, dt.schema) as [number, number];
    const [left, right] = includes(p);
    let warning: Warning | null = null;
    let values: readonly (number | null)[];
    if (typeIn(dt.schema, p.column) === 'datetime') values = columnValues(dt, p.column).map((d) => (d instanceof Date ? d.getTime() : null));
    else ({ values, warning } = numericColumn(dt, p.column));
    let inRange = 0;
    const out = values.map((x) => {
      const yes = x !== null && (left ? x >= lo : x > lo) && (right ? x <= hi : x < hi);
      if (yes) inRange++;
      return yes;
    });
    return {
      table: setColumns(dt, [{ name: target(p), type: 'boolean', values: out }]),
      warnings: warning ? [warning] : [],
      metadata: { in_range_count: inRange, out_of_range_count: out.length - inRange },
    };
  },
  render(p, schema) {
    const [lo, hi] = bounds(p, schema) as [number, number];
    const [left, right] = includes(p);
    const datetime = typeIn(schema, p.column) === 'datetime';
    const literal = (v: number) => (datetime ? `TIMESTAMP '${new Date(v).toISOString().slice(0, 23).replace('T', ' ')}'` : String(v));
    const x = datetime ? ident(p.column) : sqlNum(schema, p.column);
    const expr = `COALESCE(${x} ${left ? '>=' : '>'} ${literal(lo)} AND ${x} ${right ? '<=' : '<'} ${literal(hi)}, false)`;
    return { js: mdCall('is_between', p), sql: sqlWithColumn(schema, target(p), expr) };
  },
  summary: (p) => `${target(p)} = ${p.column} between ${p.min_value} and ${p.max_value}`,
  examples: [
    { prompt: 'flag ages between 18 and 65', params: { column: 'age', min_value: 18, max_value: 65, new_column: 'working_age' } },
    { prompt: 'mark orders placed in the first quarter of 2024', params: { column: 'order_date', min_value: '2024-01-01', max_value: '2024-03-31 23:59:59' } },
  ],
};
