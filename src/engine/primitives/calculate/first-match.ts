/**
 * What conditional_value and case_when share (§4.5): the first matching item sets the row's result; every
 * condition reads the step's input; a new column gets the default where nothing matched, an existing one keeps
 * its value unless the default is non-null; the type unifies results, default and (in place) the column (§2.4).
 */
import { conditionMask, conditionSql, sqlLiteral, type Condition, type Scalar } from '../../conditions/index.js';
import { ident } from '../../plan/render-helpers.js';
import type { Schema, StepOutput } from '../../plan/types.js';
import { columnValues, rowCount, type CellValue, type ColumnType, type DataTable } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { castColumn, convertValue, typeToHold, typeWidenedWarning, type MaybeType } from '../../values/widen.js';
import { sqlWithColumn, typeIn } from './numeric.js';

export interface Branch {
  condition: Condition;
  result: Scalar;
  /** The path of the compared value, for a conversion failure at run time (`conditions[0].compare_value`). */
  valuePath: string;
}

/** Empty text is null (§2.1). */
const clean = (v: Scalar): Scalar => (v === '' ? null : v);

/** The output column's type: results and default unified with the existing column's type (a new column: string when all null). */
export function resultType(schema: Schema, target: string, branches: readonly Branch[], fallback: Scalar): ColumnType {
  let type: MaybeType = typeIn(schema, target) ?? null;
  for (const v of [...branches.map((b) => b.result), fallback]) type = typeToHold(type, clean(v));
  return type ?? 'string';
}

export function resultSchema(schema: Schema, target: string, branches: readonly Branch[], fallback: Scalar): Schema {
  const type = resultType(schema, target, branches, fallback);
  return schema.some((c) => c.name === target) ? schema.map((c) => (c.name === target ? { name: target, type } : c)) : [...schema, { name: target, type }];
}

export interface FirstMatch extends StepOutput {
  matched: number;
  unmatched: number;
}

export function runFirstMatch(dt: DataTable, target: string, branches: readonly Branch[], fallback: Scalar): FirstMatch {
  const n = rowCount(dt);
  const type = resultType(dt.schema, target, branches, fallback);
  const from = typeIn(dt.schema, target);
  const masks = branches.map((b) => conditionMask(b.condition, dt, b.valuePath)); // all read the input first
  const results = branches.map((b) => convertValue(clean(b.result), type) ?? null);
  const defaultCell = convertValue(clean(fallback), type) ?? null;
  const keep = from !== undefined && clean(fallback) === null;
  const out: CellValue[] = keep ? castColumn(columnValues(dt, target), from, type) : new Array<CellValue>(n).fill(defaultCell);
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const k = masks.findIndex((m) => m[i] === 1);
    if (k < 0) continue;
    out[i] = results[k];
    matched++;
  }
  const warning = from !== undefined ? typeWidenedWarning(target, from, type) : null;
  return { table: setColumns(dt, [{ name: target, type, values: out }]), warnings: warning ? [warning] : [], matched, unmatched: n - matched };
}

/** CASE WHEN … END, or null where a condition or a text-widened datetime column has no faithful SQL. */
export function firstMatchSql(schema: Schema, target: string, branches: readonly Branch[], fallback: Scalar): string | null {
  const type = resultType(schema, target, branches, fallback);
  const from = typeIn(schema, target);
  const tests = branches.map((b) => conditionSql(b.condition, schema));
  if (tests.some((t) => t === null)) return null;
  const literal = (v: Scalar) => {
    const cell = convertValue(clean(v), type) ?? null;
    return type === 'float' && typeof cell === 'number' ? `${sqlLiteral(cell)}::float8` : sqlLiteral(cell);
  };
  let otherwise = literal(fallback);
  if (from !== undefined && clean(fallback) === null) {
    if (from !== type && (type === 'string' ? from === 'datetime' || from === 'float' : type !== 'float')) return null;
    otherwise = from === type ? ident(target) : `${ident(target)}::${type === 'string' ? 'text' : 'float8'}`;
  }
  const whens = branches.map((b, i) => `WHEN ${tests[i]} THEN ${literal(b.result)}`).join(' ');
  return sqlWithColumn(schema, target, `(CASE ${whens} ELSE ${otherwise} END)`);
}
