import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import type { Primitive } from '../../plan/types.js';
import { numericProblem } from './numeric.js';
import { jsRound, roundColumn, roundedType, sameSchemaRetyped, sqlRound } from './round-numbers.js';

const floorCeilParams = params({
  column,
  method: z.enum(['floor', 'ceil']),
  precision: z.number().int().min(-15).max(15).default(0),
});

type FloorCeilParams = z.infer<typeof floorCeilParams>;

/** `floor_ceil` (§4.5): round_numbers with that method and decimals = precision. */
export const floorCeil: Primitive<FloorCeilParams> = {
  name: 'floor_ceil',
  title: 'Floor or ceiling',
  category: 'calculate',
  description: 'Rounds a numeric column down (floor) or up (ceil) in place at a decimal position.',
  params: floorCeilParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => numericProblem(schema, 'column', p.column),
  outputSchema: (p, { schema }) => sameSchemaRetyped(schema, p.column, roundedType(schema, p.column, p.precision)),
  run: (dt, p) => roundColumn(dt, p.column, p.precision, p.method),
  render: (p, schema) => ({ js: jsRound('floor_ceil', p, schema, p.column, p.precision, p.method), sql: sqlRound(schema, p.column, p.precision, p.method) }),
  summary: (p) => `${p.method} ${p.column} at ${p.precision} decimal${p.precision === 1 ? '' : 's'}`,
  examples: [
    { prompt: 'round hours worked up to the next whole hour', params: { column: 'hours', method: 'ceil' } },
    { prompt: 'truncate the unit price down to cents', params: { column: 'unit_price', method: 'floor', precision: 2 } },
  ],
};
