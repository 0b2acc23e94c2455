import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { field, js, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema, StepOutput } from '../../plan/types.js';
import type { ColumnType, DataTable } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { roundDecimal } from '../../values/numbers.js';
import { numericColumn, numericProblem, sqlNum, sqlWithColumn, typeIn, warnings } from './numeric.js';

export type RoundMethod = 'round' | 'floor' | 'ceil';

const decimals = z.number().int().min(-15).max(15);

const roundParams = params({
  column,
  decimals: decimals.default(0),
  method: z.enum(['round', 'floor', 'ceil']).default('round'),
});

type RoundParams = z.infer<typeof roundParams>;

/** `integer` when decimals ≤ 0 or the column was integer, else `float` (§4.5 round_numbers). */
export const roundedType = (schema: Schema, name: string, places: number): ColumnType =>
  places <= 0 || typeIn(schema, name) === 'integer' ? 'integer' : 'float';

/** Decimal rounding of a numeric column in place (§2.5); shared with floor_ceil. */
export function roundColumn(dt: DataTable, name: string, places: number, method: RoundMethod): StepOutput {
  const { values, warning } = numericColumn(dt, name);
  const out = values.map((x) => (x === null ? null : roundDecimal(x, places, method)));
  // A whole result outside the safe range makes the column float (§2.1), e.g. 3e21 rounded to tens.
  const type = roundedType(dt.schema, name, places) === 'integer' && out.every((x) => x === null || Number.isSafeInteger(x)) ? 'integer' : 'float';
  return { table: setColumns(dt, [{ name, type, values: out }]), warnings: warnings(warning) };
}

/** PostgreSQL: decimal rounding on numeric (half away from zero), cast back so the text form matches. */
export function sqlRound(schema: Schema, name: string, places: number, method: RoundMethod): string {
  const x = `${sqlNum(schema, name)}::numeric`;
  const scale = `POWER(10::numeric, ${places})`;
  const expr = method === 'round' ? `ROUND(${x}, ${places})` : `${method === 'floor' ? 'FLOOR' : 'CEIL'}(${x} * ${scale}) / ${scale}`;
  // An integer column rounds to safe integers; a float or text column may round past 2^53, where the step's column
  // becomes float (§2.1) and a bigint cast could fail: float8 keeps the values and their text forms.
  const cast = typeIn(schema, name) === 'integer' ? 'bigint' : 'float8';
  return sqlWithColumn(schema, name, `(${expr})::${cast}`);
}

/**
 * Arquero: a derive with the engine's decimal rounding (`op.md_round`, registered by the md module) for number
 * columns; text columns go through num() with its VALUES_NULLED warning, so they take the whole-step call.
 */
export function jsRound(op: string, params: unknown, schema: Schema, name: string, places: number, method: RoundMethod): string {
  const type = typeIn(schema, name);
  if (type !== 'integer' && type !== 'float') return mdCall(op, params);
  const args = [field(name), String(places), ...(method === 'round' ? [] : [js(method)])];
  return `dt = dt.derive({ ${js(name)}: d => op.md_round(${args.join(', ')}) });`;
}

export const sameSchemaRetyped = (schema: Schema, name: string, type: ColumnType): Schema =>
  schema.map((c) => (c.name === name ? { name, type } : c));

/** `round_numbers` (§4.5): in place, decimal-correct, half away from zero. */
export const roundNumbers: Primitive<RoundParams> = {
  name: 'round_numbers',
  title: 'Round numbers',
  category: 'calculate',
  description: 'Rounds a numeric column in place to a number of decimals (negative: tens, hundreds), half away from zero, or floors/ceils.',
  params: roundParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => [{ param: 'column', column: p.column }],
  check: (p, { schema }) => numericProblem(schema, 'column', p.column),
  outputSchema: (p, { schema }) => sameSchemaRetyped(schema, p.column, roundedType(schema, p.column, p.decimals)),
  run: (dt, p) => roundColumn(dt, p.column, p.decimals, p.method),
  render: (p, schema) => ({ js: jsRound('round_numbers', p, schema, p.column, p.decimals, p.method), sql: sqlRound(schema, p.column, p.decimals, p.method) }),
  summary: (p) => `${p.method === 'round' ? 'round' : p.method} ${p.column} to ${p.decimals} decimal${p.decimals === 1 ? '' : 's'}`,
  examples: [
    { prompt: 'round price to 2 decimals', params: { column: 'price', decimals: 2 } },
    { prompt: 'round revenue to the nearest thousand', params: { column: 'revenue', decimals: -3 } },
  ],
};

