import { StepFailure } from '../plan/step-failure.js';
import { columnTextRenderer, columnValues, type CellValue, type DataTable } from '../table.js';
import { compareValues, keyOf } from '../values/order.js';
import { compileRegex } from '../values/regex.js';
import { convertCondition, foldFor, textValue } from './convert.js';
import type { Condition, Scalar } from './schema.js';

type Test = (x: CellValue) => boolean;

const CACHE_LIMIT = 65_536;

/** The test of a condition for a non-null cell (§3.2), with the value converted and folded (§3.3, §3.4). */
function cellTest(cond: Condition, dt: DataTable, param: string): Test {
  const index = dt.schema.findIndex((c) => c.name === cond.column);
  const type = dt.schema[index].type;
  const { operator } = cond;
  if (operator === 'isnull') return () => false;
  if (operator === 'notnull') return () => true;
  if (operator === 'regex') {
    const re = compileRegex(textValue(cond.value as Scalar), { caseInsensitive: !cond.case_sensitive });
    const text = columnTextRenderer(dt, index);
    return (x) => re.test(text(x)!);
  }
  if (operator === 'contains' || operator === 'startswith' || operator === 'endswith') {
    const render = columnTextRenderer(dt, index);
    const text = cond.case_sensitive ? (x: CellValue) => render(x)! : (x: CellValue) => render(x)!.toLowerCase();
    const needle = cond.case_sensitive ? textValue(cond.value as Scalar) : textValue(cond.value as Scalar).toLowerCase();
    if (operator === 'contains') return (x) => text(x).includes(needle);
    if (operator === 'startswith') return (x) => text(x).startsWith(needle);
    return (x) => text(x).endsWith(needle);
  }
  const converted = convertCondition(cond, type, param);
  if ('problem' in converted) throw new StepFailure(converted.problem.code, converted.problem.message, converted.problem.param);
  const values = converted.values;
  const fold = foldFor(type, cond.case_sensitive);
  const v = values[0];
  switch (operator) {
    case 'eq':
      return (x) => compareValues(fold(x), v) === 0;
    case 'ne':
      return (x) => compareValues(fold(x), v) !== 0;
    case 'gt':
      return (x) => compareValues(fold(x), v) > 0;
    case 'gte':
      return (x) => compareValues(fold(x), v) >= 0;
    case 'lt':
      return (x) => compareValues(fold(x), v) < 0;
    case 'lte':
      return (x) => compareValues(fold(x), v) <= 0;
    case 'between':
      return (x) => compareValues(fold(x), values[0]) >= 0 && compareValues(fold(x), values[1]) <= 0;
    case 'in':
    case 'not_in': {
      const keys = new Set(values.map(keyOf));
      return operator === 'in' ? (x) => keys.has(keyOf(fold(x))) : (x) => !keys.has(keyOf(fold(x)));
    }
  }
}

/**
 * One condition over every row: 1 where it holds. A null cell satisfies `isnull`, never `notnull`, and any other
 * operator only with `match_null`. `param` is the condition's value path, for a conversion failure at run time.
 */
export function conditionMask(cond: Condition, dt: DataTable, param = 'value'): Uint8Array {
  const test = cellTest(cond, dt, param);
  const onNull = cond.operator === 'isnull' ? 1 : cond.operator === 'notnull' ? 0 : cond.match_null ? 1 : 0;
  const cells = columnValues(dt, cond.column);
  const out = new Uint8Array(cells.length);
  // Text columns repeat their values (status, country): each distinct text is tested once, while that pays.
  const cache = typeof cells.find((x) => x !== null) === 'string' ? new Map<CellValue, number>() : undefined;
  for (let i = 0; i < cells.length; i++) {
    const x = cells[i];
    if (x === null) {
      out[i] = onNull;
      continue;
    }
    let hit = cache?.get(x);
    if (hit === undefined) {
      hit = test(x) ? 1 : 0;
      if (cache && cache.size < CACHE_LIMIT) cache.set(x, hit);
    }
    out[i] = hit;
  }
  return out;
}

/** §3.5: two-valued `and`/`or` of per-condition masks. */
export function combineMasks(masks: readonly Uint8Array[], logic: 'and' | 'or', rows: number): Uint8Array {
  const out = new Uint8Array(rows).fill(logic === 'and' ? 1 : 0);
  for (const mask of masks) {
    for (let i = 0; i < rows; i++) out[i] = logic === 'and' ? out[i] & mask[i] : out[i] | mask[i];
  }
  return out;
}

/** The combined conditions per row (§3.5); `keep: false` inverts. `pathOf(i)` as in conditionProblems. */
export function matchConditions(
  conditions: readonly Condition[],
  dt: DataTable,
  options: { logic?: 'and' | 'or'; keep?: boolean; pathOf?: (i: number) => string; valueKey?: string } = {},
): Uint8Array {
  const pathOf = options.pathOf ?? ((i: number) => `conditions[${i}]`);
  const masks = conditions.map((c, i) => conditionMask(c, dt, `${pathOf(i)}.${options.valueKey ?? 'value'}`));
  const combined = combineMasks(masks, options.logic ?? 'and', dt.table.numRows());
  if (options.keep === false) for (let i = 0; i < combined.length; i++) combined[i] ^= 1;
  return combined;
}
