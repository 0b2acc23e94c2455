import type { Problem, Schema } from '../plan/types.js';
import { floatText, integerText, type CellValue, type ColumnType } from '../table.js';
import { num } from '../values/numbers.js';
import { parseDateText } from '../values/dates/parse.js';
import { compareValues } from '../values/order.js';
import { TYPED_OPERATORS, type Condition, type Scalar, type ValueKey } from './schema.js';

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false, yes: true, no: false, t: true, f: false, y: true, n: false, '1': true, '0': false };

/** A JSON number as text (§2.2): whole numbers without `.0` or exponent. */
export function numberText(n: number): string {
  return Number.isInteger(n) ? integerText(n) : floatText(n);
}

/** The value of a text operator (`contains`, …) as text: a number is taken as `text(value)` (§3.2). */
export function textValue(value: Scalar): string {
  return typeof value === 'number' ? numberText(value) : String(value);
}

/** §3.3: a condition value converted to the column's type, or `undefined` when it does not convert. */
export function convertConditionValue(value: Scalar, type: ColumnType): CellValue | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 'integer':
    case 'float':
      return typeof value === 'boolean' ? undefined : (num(value) ?? undefined);
    case 'string':
      return typeof value === 'number' ? numberText(value) : typeof value === 'boolean' ? String(value) : value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
      return BOOLEAN_TEXT[value.trim().toLowerCase()];
    case 'datetime':
      // §2.10 priority list; numeric dates month-first unless the text itself is unambiguous.
      return typeof value === 'string' ? (parseDateText(value) ?? undefined) : undefined;
  }
}

/** The folded form used by text comparisons (§3.4): only text is ever folded. */
export const foldFor = (type: ColumnType, caseSensitive: boolean) => (v: CellValue): CellValue =>
  !caseSensitive && type === 'string' && typeof v === 'string' ? v.toLowerCase() : v;

const show = (v: Scalar) => JSON.stringify(v);

export type Converted = { values: CellValue[] } | { problem: Problem };

/**
 * The compared values of a typed operator converted to the column's type and folded for comparison; `param` is
 * the path of the value (`conditions[0].value`). Text operators and null checks have nothing to convert.
 */
export function convertCondition(cond: Condition, type: ColumnType, param: string): Converted {
  if (!TYPED_OPERATORS.has(cond.operator)) return { values: [] };
  const list = Array.isArray(cond.value) ? cond.value : [cond.value as Scalar];
  const fold = foldFor(type, cond.case_sensitive);
  const values: CellValue[] = [];
  for (const [i, raw] of list.entries()) {
    const converted = convertConditionValue(raw, type);
    if (converted === undefined) {
      const at = Array.isArray(cond.value) ? `${param}[${i}]` : param;
      return { problem: { code: 'TYPE_MISMATCH', param: at, message: `value ${show(raw)} cannot be converted to the type of column "${cond.column}" (${type}).` } };
    }
    values.push(fold(converted));
  }
  if (cond.operator === 'between' && compareValues(values[0], values[1]) > 0) {
    return { problem: { code: 'INVALID_PARAM', param, message: 'low must not be greater than high' } };
  }
  return { values };
}

/**
 * TYPE_MISMATCH (and `between` order) problems of a condition list against this step's input schema.
 * `pathOf(i)` is the path of item i (`conditions[0]`, `cases[0].condition`); `valueKey` names its value.
 */
export function conditionProblems(conditions: readonly Condition[], schema: Schema, pathOf: (i: number) => string = (i) => `conditions[${i}]`, valueKey: ValueKey = 'value'): Problem[] {
  const problems: Problem[] = [];
  conditions.forEach((cond, i) => {
    const type = schema.find((c) => c.name === cond.column)?.type;
    if (!type) return; // COLUMN_NOT_FOUND is reported from the column references
    const result = convertCondition(cond, type, `${pathOf(i)}.${valueKey}`);
    if ('problem' in result) problems.push(result.problem);
  });
  return problems;
}

/** The column references of a condition list, with their param paths (`conditions[0].column`). */
export function conditionColumns(conditions: readonly { column: string }[], pathOf: (i: number) => string = (i) => `conditions[${i}]`) {
  return conditions.map((cond, i) => ({ param: `${pathOf(i)}.column`, column: cond.column }));
}
