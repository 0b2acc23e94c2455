import { z } from 'zod';
import { column, finiteNumber, newColumn, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema, Warning } from '../../plan/types.js';
import { setColumns } from '../../table-ops.js';
import { computedColumn, newColumnProblem, numericColumn, numericProblem, sqlComputedInteger, sqlNormalize, sqlNum, sqlWithColumn, typeIn, warnings } from './numeric.js';

const OPERATIONS = ['add', 'subtract', 'multiply', 'divide'] as const;
type Operation = (typeof OPERATIONS)[number];

const mathParams = params({
  new_column: newColumn,
  operation: z.enum(OPERATIONS),
  column1: column,
  column2: column.nullable().default(null),
  value: finiteNumber.nullable().default(null),
}).superRefine((p, ctx) => {
  if (p.column2 === null && p.value === null) ctx.addIssue({ code: 'custom', path: [], message: 'Either column2 or value must be specified' });
  if (p.column2 !== null && p.value !== null) ctx.addIssue({ code: 'custom', path: [], message: 'Specify either column2 or value, not both' });
  if (p.operation === 'divide' && p.value === 0) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Cannot divide by zero' });
});

type MathParams = z.infer<typeof mathParams>;

/** Integer result only when both operands are integer (an integer column or a whole value) and not dividing. */
function resultIsInteger(p: MathParams, schema: Schema): boolean {
  if (p.operation === 'divide' || typeIn(schema, p.column1) !== 'integer') return false;
  return p.column2 !== null ? typeIn(schema, p.column2) === 'integer' : Number.isSafeInteger(p.value);
}

const SYMBOL: Record<Operation, string> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

/** `math_operation` (§4.5): column1 <op> column2 | value, in one tight loop (it is on the 1M-row benchmark path). */
export const mathOperation: Primitive<MathParams> = {
  name: 'math_operation',
  title: 'Math operation',
  category: 'calculate',
  description: 'Adds, subtracts, multiplies or divides a column by another column or by a number into a new or existing column.',
  params: mathParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column1', column: p.column1 }, ...(p.column2 !== null ? [{ param: 'column2', column: p.column2 }] : [])],
  check: (p, { schema }) => [
    ...numericProblem(schema, 'column1', p.column1),
    ...(p.column2 !== null ? numericProblem(schema, 'column2', p.column2) : []),
    ...newColumnProblem(schema, 'new_column', p.new_column, [p.column1, ...(p.column2 !== null ? [p.column2] : [])]),
  ],
  outputSchema(p, { schema }) {
    const type = resultIsInteger(p, schema) ? 'integer' : 'float';
    const exists = schema.some((c) => c.name === p.new_column);
    return exists ? schema.map((c) => (c.name === p.new_column ? { name: c.name, type } : c)) : [...schema, { name: p.new_column, type }];
  },
  run(dt, p) {
    const left = numericColumn(dt, p.column1);
    const right = p.column2 !== null ? numericColumn(dt, p.column2) : null;
    const a = left.values;
    const b = right?.values;
    const k = p.value ?? 0;
    const n = a.length;
    const out = new Array<number | null>(n);
    let zeros = 0;
    // One loop per operation keeps the hot path free of branches on the operation.
    switch (p.operation) {
      case 'add':
        for (let i = 0; i < n; i++) { const x = a[i]; const y = b ? b[i] : k; out[i] = x === null || y === null ? null : x + y; }
        break;
      case 'subtract':
        for (let i = 0; i < n; i++) { const x = a[i]; const y = b ? b[i] : k; out[i] = x === null || y === null ? null : x - y; }
        break;
      case 'multiply':
        for (let i = 0; i < n; i++) { const x = a[i]; const y = b ? b[i] : k; out[i] = x === null || y === null ? null : x * y; }
        break;
      case 'divide':
        for (let i = 0; i < n; i++) {
          const x = a[i]; const y = b ? b[i] : k;
          if (x === null || y === null) out[i] = null;
          else if (y === 0) { out[i] = null; zeros++; }
          else out[i] = x / y;
        }
        break;
    }
    const type = computedColumn(out, resultIsInteger(p, dt.schema));
    const divideWarning: Warning | null = zeros
      ? { code: 'DIVIDE_BY_ZERO', message: `${zeros} row${zeros === 1 ? '' : 's'} divided by zero; the result is null.`, column: p.new_column, count: zeros }
      : null;
    return {
      table: setColumns(dt, [{ name: p.new_column, type, values: out }]),
      warnings: warnings(left.warning, right?.warning ?? null, divideWarning),
    };
  },
  render(p, schema) {
    const x = sqlNum(schema, p.column1);
    const y = p.column2 !== null ? sqlNum(schema, p.column2) : String(p.value);
    const integer = resultIsInteger(p, schema);
    const expr =
      p.operation === 'divide'
        ? sqlNormalize(`${x}::float8 / NULLIF(${y}, 0)`)
        : integer
          ? sqlComputedInteger(`(${x}::numeric ${SYMBOL[p.operation]} ${y})`)
          : sqlNormalize(`${x}::float8 ${SYMBOL[p.operation]} ${y}`);
    return { js: mdCall('math_operation', p), sql: sqlWithColumn(schema, p.new_column, expr) };
  },
  summary: (p) => `${p.new_column} = ${p.column1} ${SYMBOL[p.operation]} ${p.column2 ?? p.value}`,
  examples: [
    { prompt: 'calculate the total as amount times quantity', params: { new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity' } },
    { prompt: 'convert price from cents to dollars', params: { new_column: 'price', operation: 'divide', column1: 'price', value: 100 } },
    { prompt: 'add a 5 point bonus to every score', params: { new_column: 'score_with_bonus', operation: 'add', column1: 'score', value: 5 } },
  ],
};
