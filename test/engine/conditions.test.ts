import { describe, expect, it } from 'vitest';
import {
  caseWhenConditionSchema,
  compareValueConditionSchema,
  conditionColumns,
  conditionJs,
  conditionMask,
  conditionProblems,
  conditionSchema,
  conditionSql,
  convertConditionValue,
  makeConditionSchema,
  matchConditions,
  asCondition,
  type Condition,
} from '../../src/engine/conditions/index.js';
import { scalar } from '../../src/engine/plan/param-types.js';
import type { CellValue, ColumnType } from '../../src/engine/table.js';
import { table } from './primitives/helpers.js';

const cond = (raw: Record<string, unknown>): Condition => conditionSchema.parse(raw);
const tf = (mask: Uint8Array) => [...mask].map((b) => (b ? 'T' : 'F')).join(', ');
const one = (type: ColumnType, name: string, cells: CellValue[]) => table({ [name]: type }, cells.map((c) => [c]));
const evaluate = (type: ColumnType, name: string, cells: CellValue[], raw: Record<string, unknown>) => tf(conditionMask(cond({ column: name, ...raw }), one(type, name, cells)));

describe('§3.6 test vectors', () => {
  const status = ['Active', 'active ', null, 'ACTIVE'];
  it('converts the value to the column type', () => {
    expect(evaluate('integer', 'age', [5, null, 20], { operator: 'gt', value: '18' })).toBe('F, F, T');
  });
  it('folds text unless case_sensitive, and null is false', () => {
    expect(evaluate('string', 'status', status, { operator: 'eq', value: 'active' })).toBe('T, F, F, T');
    expect(evaluate('string', 'status', status, { operator: 'eq', value: 'active', case_sensitive: true })).toBe('F, F, F, F');
    expect(evaluate('string', 'status', status, { operator: 'ne', value: 'active' })).toBe('F, T, F, F');
    expect(evaluate('string', 'status', status, { operator: 'ne', value: 'active', match_null: true })).toBe('F, T, T, F');
  });
  it('contains is literal, regex searches anywhere without altering the pattern', () => {
    expect(evaluate('string', 'code', ['a.b', 'ab', 'A9'], { operator: 'contains', value: '.' })).toBe('T, F, F');
    expect(evaluate('string', 'code', ['a.b', 'ab', 'A9'], { operator: 'regex', value: '\\D$' })).toBe('T, T, F');
  });
  it('text operators work on numbers through text(x)', () => {
    expect(evaluate('integer', 'phone', [5551234, 4441234], { operator: 'contains', value: 555 })).toBe('T, F');
  });
  it('in converts each element', () => {
    expect(evaluate('float', 'price', [1.5, null, 3], { operator: 'in', value: [3, '1.5'] })).toBe('T, F, T');
  });
  it('keep: false keeps nulls', () => {
    const dt = one('integer', 'score', [90, null, 70]);
    expect(tf(matchConditions([cond({ column: 'score', operator: 'gt', value: 80 })], dt, { keep: false }))).toBe('F, T, T');
  });
  it('boolean columns accept yes/no words', () => {
    expect(evaluate('boolean', 'flag', [true, false, null], { operator: 'eq', value: 'yes' })).toBe('T, F, F');
  });
  it('a value that does not convert is TYPE_MISMATCH at validation', () => {
    const problems = conditionProblems([cond({ column: 'age', operator: 'eq', value: 'abc' })], [{ name: 'age', type: 'integer' }]);
    expect(problems).toEqual([{ code: 'TYPE_MISMATCH', param: 'conditions[0].value', message: 'value "abc" cannot be converted to the type of column "age" (integer).' }]);
  });
});

describe('operators', () => {
  const n = (raw: Record<string, unknown>) => evaluate('integer', 'x', [1, 5, 10, null], raw);
  it('orders numbers and includes both ends of between', () => {
    expect(n({ operator: 'gte', value: 5 })).toBe('F, T, T, F');
    expect(n({ operator: 'lt', value: 5 })).toBe('T, F, F, F');
    expect(n({ operator: 'lte', value: '5' })).toBe('T, T, F, F');
    expect(n({ operator: 'between', value: [1, '5'] })).toBe('T, T, F, F');
    expect(n({ operator: 'not_in', value: [1, 10] })).toBe('F, T, F, F');
    expect(n({ operator: 'not_in', value: [1, 10], match_null: true })).toBe('F, T, F, T');
    expect(n({ operator: 'isnull', match_null: false })).toBe('F, F, F, T');
    expect(n({ operator: 'notnull', match_null: true })).toBe('T, T, T, F');
    expect(n({ operator: 'eq', value: 5.0 })).toBe('F, T, F, F');
  });
  it('orders folded text by code point', () => {
    const cells = ['apple', 'Banana', 'cherry', null];
    expect(evaluate('string', 's', cells, { operator: 'gt', value: 'b' })).toBe('F, T, T, F');
    expect(evaluate('string', 's', cells, { operator: 'gt', value: 'b', case_sensitive: true })).toBe('F, F, T, F');
    expect(evaluate('string', 's', cells, { operator: 'startswith', value: 'BAN' })).toBe('F, T, F, F');
    expect(evaluate('string', 's', cells, { operator: 'endswith', value: 'RY', case_sensitive: true })).toBe('F, F, F, F');
    expect(evaluate('string', 's', cells, { operator: 'regex', value: '^B', case_sensitive: true })).toBe('F, T, F, F');
  });
  it('string columns compare numbers as their text', () => {
    expect(evaluate('string', 's', ['5', '5.0', 'x'], { operator: 'eq', value: 5.0 })).toBe('T, F, F');
    expect(evaluate('string', 's', ['true', 'x'], { operator: 'eq', value: true })).toBe('T, F');
  });
  it('compares datetimes as instants and text operators use the column text form', () => {
    const d = (s: string) => new Date(s + 'Z');
    const cells = [d('2024-01-01T00:00:00'), d('2024-03-05T00:00:00'), null];
    expect(evaluate('datetime', 't', cells, { operator: 'gte', value: '2024-02-01' })).toBe('F, T, F');
    expect(evaluate('datetime', 't', cells, { operator: 'eq', value: '2024-01-01 00:00:00' })).toBe('T, F, F');
    expect(evaluate('datetime', 't', cells, { operator: 'startswith', value: '2024-03' })).toBe('F, T, F');
    expect(evaluate('datetime', 't', cells, { operator: 'endswith', value: '05' })).toBe('F, T, F');
  });
  it('never folds non-text values', () => {
    expect(evaluate('boolean', 'b', [true, false], { operator: 'contains', value: 'TRU' })).toBe('T, F');
    expect(evaluate('boolean', 'b', [true, false], { operator: 'eq', value: 0 })).toBe('F, T');
  });
});

describe('combination', () => {
  const dt = table({ a: 'integer', b: 'string' }, [
    [1, 'x'],
    [2, 'y'],
    [3, null],
  ]);
  const c1 = cond({ column: 'a', operator: 'gte', value: 2 });
  const c2 = cond({ column: 'b', operator: 'eq', value: 'X' });
  it('and / or / keep', () => {
    expect(tf(matchConditions([c1, c2], dt))).toBe('F, F, F');
    expect(tf(matchConditions([c1, c2], dt, { logic: 'or' }))).toBe('T, T, T');
    expect(tf(matchConditions([c1], dt, { keep: false }))).toBe('T, F, F');
  });
});

describe('schema', () => {
  const issues = (raw: Record<string, unknown>) => {
    const r = conditionSchema.safeParse(raw);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };
  it('writes defaults out and wraps a scalar in/not_in value', () => {
    expect(cond({ column: 'a', operator: 'in', value: 3 })).toEqual({ column: 'a', operator: 'in', value: [3], case_sensitive: false, match_null: false });
    expect(cond({ column: 'a', operator: 'isnull' })).toEqual({ column: 'a', operator: 'isnull', case_sensitive: false, match_null: false });
  });
  it('rejects unknown keys, operators, missing, null and mis-shaped values', () => {
    expect(conditionSchema.safeParse({ column: 'a', operator: 'eq', value: 1, extra: 1 }).success).toBe(false);
    expect(issues({ column: 'a', operator: 'like', value: 1 })[0].path).toBe('operator');
    expect(issues({ column: 'a', operator: 'eq' })).toEqual([{ path: 'value', message: 'operator "eq" requires a value' }]);
    expect(issues({ column: 'a', operator: 'eq', value: null })).toEqual([{ path: 'value', message: 'must not be null for operator "eq" (use "isnull")' }]);
    expect(issues({ column: 'a', operator: 'gt', value: [1] })).toEqual([{ path: 'value', message: 'operator "gt" takes a single value, not a list' }]);
    expect(issues({ column: 'a', operator: 'in', value: [] })).toEqual([{ path: 'value', message: 'operator "in" needs at least one value' }]);
    expect(issues({ column: 'a', operator: 'in', value: [1, null] })).toEqual([{ path: 'value.1', message: 'must not be null' }]);
    expect(issues({ column: 'a', operator: 'between', value: [5, 1] })).toEqual([{ path: 'value', message: 'low must not be greater than high' }]);
    expect(issues({ column: 'a', operator: 'between', value: 5 })).toEqual([{ path: 'value', message: 'operator "between" takes a list [low, high]' }]);
    expect(issues({ column: 'a', operator: 'contains', value: '' })).toEqual([{ path: 'value', message: 'operator "contains" takes non-empty text' }]);
    expect(issues({ column: 'a', operator: 'regex', value: '(' })[0].message).toMatch(/^invalid regular expression: /);
  });
  it('marks bad patterns as INVALID_REGEX', () => {
    const r = conditionSchema.safeParse({ column: 'a', operator: 'regex', value: '[' });
    expect((r.error!.issues[0] as { params?: { code?: string } }).params?.code).toBe('INVALID_REGEX');
  });
  it('between order is checked again once converted', () => {
    expect(conditionProblems([cond({ column: 'a', operator: 'between', value: ['10', 5] })], [{ name: 'a', type: 'integer' }])).toEqual([
      { code: 'INVALID_PARAM', param: 'conditions[0].value', message: 'low must not be greater than high' },
    ]);
  });
  it('has the compare_value and case_when variants', () => {
    const item = compareValueConditionSchema.parse({ column: 'a', operator: 'eq', compare_value: 1 });
    expect(item).toEqual({ column: 'a', operator: 'eq', compare_value: 1, case_sensitive: false, match_null: false });
    expect(compareValueConditionSchema.safeParse({ column: 'a', operator: 'eq', value: 1 }).success).toBe(false);
    expect(asCondition(item as Record<string, unknown>, 'compare_value').value).toBe(1);
    expect(caseWhenConditionSchema.parse({ column: 'a', value: 'x' }).operator).toBe('eq');
    const withResult = makeConditionSchema({ valueKey: 'compare_value', extra: { value: scalar } });
    expect(withResult.parse({ column: 'a', operator: 'gt', compare_value: 2, value: 'big' })).toMatchObject({ compare_value: 2, value: 'big' });
  });
  it('lists column references with their paths', () => {
    expect(conditionColumns([{ column: 'a' }, { column: 'b' }])).toEqual([
      { param: 'conditions[0].column', column: 'a' },
      { param: 'conditions[1].column', column: 'b' },
    ]);
    expect(conditionColumns([{ column: 'a' }], (i) => `cases[${i}].condition`)[0].param).toBe('cases[0].condition.column');
  });
});

describe('conversion (§3.3)', () => {
  it('converts per column type', () => {
    expect(convertConditionValue('18', 'integer')).toBe(18);
    expect(convertConditionValue(true, 'float')).toBeUndefined();
    expect(convertConditionValue('1,000', 'integer')).toBeUndefined();
    expect(convertConditionValue(5.0, 'string')).toBe('5');
    expect(convertConditionValue(false, 'string')).toBe('false');
    expect(convertConditionValue(' N ', 'boolean')).toBe(false);
    expect(convertConditionValue(1, 'boolean')).toBe(true);
    expect(convertConditionValue(2, 'boolean')).toBeUndefined();
    expect((convertConditionValue('2024-01-02T03:04:05Z', 'datetime') as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect((convertConditionValue('2024-01-02 03:04+01:00', 'datetime') as Date).toISOString()).toBe('2024-01-02T02:04:00.000Z');
    expect(convertConditionValue('2024-02-30', 'datetime')).toBeUndefined();
    expect(convertConditionValue(20240101, 'datetime')).toBeUndefined();
    expect((convertConditionValue('03/04/2024', 'datetime') as Date).toISOString()).toBe('2024-03-04T00:00:00.000Z');
    expect((convertConditionValue('24/01/2024', 'datetime') as Date).toISOString()).toBe('2024-01-24T00:00:00.000Z');
    expect((convertConditionValue('Jan 5, 2024', 'datetime') as Date).toISOString()).toBe('2024-01-05T00:00:00.000Z');
  });
});

describe('rendering', () => {
  const schema = [
    { name: 'age', type: 'integer' as const },
    { name: 'status', type: 'string' as const },
    { name: 'price', type: 'float' as const },
  ];
  it('renders SQL', () => {
    expect(conditionSql(cond({ column: 'age', operator: 'gte', value: '18' }), schema)).toBe('("age" IS NOT NULL AND "age" >= 18)');
    expect(conditionSql(cond({ column: 'status', operator: 'ne', value: "O'k", match_null: true }), schema)).toBe(`("status" IS NULL OR LOWER("status") COLLATE "C" <> 'o''k')`);
    expect(conditionSql(cond({ column: 'status', operator: 'in', value: ['A', 'b'], case_sensitive: true }), schema)).toBe(`("status" IS NOT NULL AND "status" COLLATE "C" IN ('A', 'b'))`);
    expect(conditionSql(cond({ column: 'age', operator: 'contains', value: 55 }), schema)).toBe(`("age" IS NOT NULL AND STRPOS(LOWER("age"::text), '55') > 0)`);
    expect(conditionSql(cond({ column: 'status', operator: 'endswith', value: 'ED' }), schema)).toBe(`("status" IS NOT NULL AND RIGHT(LOWER("status"), 2) = 'ed')`);
    expect(conditionSql(cond({ column: 'age', operator: 'between', value: [1, 5] }), schema)).toBe('("age" IS NOT NULL AND "age" BETWEEN 1 AND 5)');
    expect(conditionSql(cond({ column: 'age', operator: 'isnull' }), schema)).toBe('"age" IS NULL');
    expect(conditionSql(cond({ column: 'status', operator: 'regex', value: 'a' }), schema)).toBeNull();
    expect(conditionSql(cond({ column: 'price', operator: 'contains', value: '1' }), schema)).toBeNull();
  });
  it('renders Arquero expressions', () => {
    expect(conditionJs(cond({ column: 'age', operator: 'gte', value: '18' }), schema)).toBe('(d["age"] != null && d["age"] >= 18)');
    expect(conditionJs(cond({ column: 'status', operator: 'eq', value: 'Active', match_null: true }), schema)).toBe('(d["status"] == null || op.lower(d["status"]) === "active")');
    expect(conditionJs(cond({ column: 'status', operator: 'regex', value: '\\D/' }), schema)).toBe('(d["status"] != null && op.match(d["status"], /\\D\\//iu) != null)');
    expect(conditionJs(cond({ column: 'status', operator: 'gt', value: 'a' }), schema)).toBeNull();
    expect(conditionJs(cond({ column: 'age', operator: 'in', value: [1, '2'] }), schema)).toBe('(d["age"] != null && op.includes([1, 2], d["age"]))');
  });
});
