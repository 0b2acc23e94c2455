import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const orders = () =>
  table({ status: 'string', total: 'integer', size: 'string' }, [
    ['Active', 1500, 'x'],
    ['active ', 150, null],
    [null, 50, 'y'],
    ['ACTIVE', null, null],
  ]);

describe('conditional_value', () => {
  const tiers = [
    { column: 'total', operator: 'gt', compare_value: 1000, value: 'large' },
    { column: 'total', operator: 'gt', compare_value: '100', value: 'medium' },
  ];

  it('writes the first matching value, else the default, into a new column', () => {
    const result = apply(orders(), 'conditional_value', { new_column: 'tier', conditions: tiers, default: 'small' });
    expect(values(result.table, 'tier')).toEqual(['large', 'medium', 'small', 'small']);
    expect(result.table.schema.at(-1)).toEqual({ name: 'tier', type: 'string' });
    expect(result.steps[0].metadata).toEqual({ matched_count: 2, default_count: 2 });
    expect(result.steps[0].params).toEqual({
      new_column: 'tier',
      conditions: [
        { column: 'total', operator: 'gt', compare_value: 1000, value: 'large', case_sensitive: false, match_null: false },
        { column: 'total', operator: 'gt', compare_value: '100', value: 'medium', case_sensitive: false, match_null: false },
      ],
      default: 'small',
    });
  });

  it('uses the §3 rules: eq folds case, nulls match only with match_null', () => {
    const active = apply(orders(), 'conditional_value', { new_column: 'flag', conditions: [{ column: 'status', operator: 'eq', compare_value: 'active', value: 1 }] });
    expect(values(active.table, 'flag')).toEqual([1, null, null, 1]);
    expect(active.table.schema.at(-1)!.type).toBe('integer');
    const nulls = apply(orders(), 'conditional_value', {
      new_column: 'flag',
      conditions: [{ column: 'status', operator: 'ne', compare_value: 'active', value: true, match_null: true }],
      default: false,
    });
    expect(values(nulls.table, 'flag')).toEqual([false, true, true, false]);
    expect(nulls.table.schema.at(-1)!.type).toBe('boolean');
  });

  it('updates an existing column in place, keeping unmatched values, reading the input', () => {
    const result = apply(orders(), 'conditional_value', { new_column: 'size', conditions: [{ column: 'size', operator: 'isnull', value: 'none' }, { column: 'size', operator: 'eq', compare_value: 'none', value: 'never' }] });
    expect(values(result.table, 'size')).toEqual(['x', 'none', 'y', 'none']);
    expect(result.table.schema.map((c) => c.name)).toEqual(['status', 'total', 'size']);
    const withDefault = apply(orders(), 'conditional_value', { new_column: 'size', conditions: [{ column: 'size', operator: 'isnull', value: 'none' }], default: 'some' });
    expect(values(withDefault.table, 'size')).toEqual(['some', 'none', 'some', 'none']);
  });

  it('unifies result types and warns TYPE_WIDENED for an existing column', () => {
    const result = apply(orders(), 'conditional_value', { new_column: 'total', conditions: [{ column: 'total', operator: 'isnull', value: 'unknown' }] });
    expect(values(result.table, 'total')).toEqual(['1500', '150', '50', 'unknown']);
    expect(result.table.schema[1]).toEqual({ name: 'total', type: 'string' });
    expect(result.steps[0].warnings).toMatchObject([{ code: 'TYPE_WIDENED', column: 'total' }]);
    const numeric = apply(orders(), 'conditional_value', { new_column: 'total', conditions: [{ column: 'total', operator: 'isnull', value: '0.5' }] });
    expect(values(numeric.table, 'total')).toEqual([1500, 150, 50, 0.5]);
    expect(numeric.table.schema[1].type).toBe('float');
    expect(numeric.steps[0].warnings).toEqual([]);
    const mixed = apply(orders(), 'conditional_value', { new_column: 'm', conditions: [{ column: 'total', operator: 'gt', compare_value: 100, value: 1 }], default: 'n/a' });
    expect(values(mixed.table, 'm')).toEqual(['1', '1', 'n/a', 'n/a']);
  });

  it('validates conditions with their own paths', () => {
    const bad = runStep(orders(), 'conditional_value', { new_column: 't', conditions: [{ column: 'total', operator: 'eq', compare_value: 'abc', value: 1 }] });
    expect(bad.errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'conditions[0].compare_value' });
    expect(runStep(orders(), 'conditional_value', { new_column: 't', conditions: [{ column: 'totl', operator: 'eq', compare_value: 1, value: 1 }] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'conditions[0].column', suggestion: 'total' });
    expect(runStep(orders(), 'conditional_value', { new_column: 't', conditions: [{ column: 'total', operator: 'like', compare_value: 1, value: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].operator' });
    expect(runStep(orders(), 'conditional_value', { new_column: 't', conditions: [{ column: 'total', operator: 'eq', value: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].compare_value' });
    expect(runStep(orders(), 'conditional_value', { new_column: 't', conditions: [{ column: 'total', operator: 'eq', compare_value: 1, value: 1, extra: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(runStep(orders(), 'conditional_value', { new_column: 't', conditions: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions' });
    expect(runStep(orders(), 'conditional_value', { conditions: tiers }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
  });

  it('renders CASE WHEN SQL', () => {
    const p = getPrimitive('conditional_value')!;
    const params = p.params.parse({ new_column: 'tier', conditions: tiers, default: 'small' });
    expect(p.render(params, orders().schema).sql).toBe(
      `SELECT "status", "total", "size", (CASE WHEN ("total" IS NOT NULL AND "total" > 1000) THEN 'large' WHEN ("total" IS NOT NULL AND "total" > 100) THEN 'medium' ELSE 'small' END) AS "tier", "_row" FROM {input} ORDER BY "_row"`,
    );
    const inPlace = p.params.parse({ new_column: 'size', conditions: [{ column: 'size', operator: 'isnull', value: 'none' }] });
    expect(p.render(inPlace, orders().schema).sql).toBe(`SELECT "status", "total", (CASE WHEN "size" IS NULL THEN 'none' ELSE "size" END) AS "size", "_row" FROM {input} ORDER BY "_row"`);
  });
});

describe('case_when', () => {
  const codes = () => table({ code: 'string', score: 'float' }, [['A', 95], ['i', 85], ['P', null], ['Q', 70]]);

  it('defaults the operator to eq (case-insensitive) and applies the first matching case', () => {
    const result = apply(codes(), 'case_when', {
      new_column: 'name',
      cases: [
        { condition: { column: 'code', value: 'a' }, result: 'Active' },
        { condition: { column: 'code', value: 'I' }, result: 'Inactive' },
        { condition: { column: 'score', operator: 'lt', value: 100 }, result: 'Scored' },
      ],
    });
    expect(values(result.table, 'name')).toEqual(['Active', 'Inactive', null, 'Scored']);
    expect(result.steps[0].metadata).toEqual({ cases_applied: 3, default_count: 1 });
    expect(result.steps[0].params).toMatchObject({ cases: [{ condition: { column: 'code', operator: 'eq', value: 'a', case_sensitive: false, match_null: false }, result: 'Active' }, {}, {}], default: null });
  });

  it('writes numbers, defaults and in place like conditional_value', () => {
    const grade = apply(codes(), 'case_when', { new_column: 'points', cases: [{ condition: { column: 'score', operator: 'gte', value: 90 }, result: 3 }, { condition: { column: 'score', operator: 'gte', value: 80 }, result: 2.5 }], default: 0 });
    expect(values(grade.table, 'points')).toEqual([3, 2.5, 0, 0]);
    expect(grade.table.schema.at(-1)!.type).toBe('float');
    const inPlace = apply(codes(), 'case_when', { new_column: 'score', cases: [{ condition: { column: 'score', operator: 'isnull' }, result: 0 }] });
    expect(values(inPlace.table, 'score')).toEqual([95, 85, 0, 70]);
    expect(inPlace.table.schema[1].type).toBe('float');
    const blank = apply(codes(), 'case_when', { new_column: 'code', cases: [{ condition: { column: 'code', value: 'Q' }, result: '' }] });
    expect(values(blank.table, 'code')).toEqual(['A', 'i', 'P', null]);
  });

  it('validates', () => {
    expect(runStep(codes(), 'case_when', { new_column: 'x', cases: [{ condition: { column: 'score', value: 'high' }, result: 1 }] }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'cases[0].condition.value' });
    expect(runStep(codes(), 'case_when', { new_column: 'x', cases: [{ condition: { column: 'code', operator: 'regex', value: '(' }, result: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_REGEX' });
    expect(runStep(codes(), 'case_when', { new_column: 'x', cases: [{ condition: { column: 'code', value: 'a' } }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'cases[0].result' });
    expect(runStep(codes(), 'case_when', { new_column: 'x', cases: [{ condition: { column: 'cod', value: 'a' }, result: 1 }] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'cases[0].condition.column' });
    expect(runStep(codes(), 'case_when', { new_column: 'x', cases: [{ when: { column: 'code', value: 'a' }, result: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM' });
    expect(getPrimitive('case_when')!.render(getPrimitive('case_when')!.params.parse({ new_column: 'x', cases: [{ condition: { column: 'code', operator: 'regex', value: 'a' }, result: 1 }] }), codes().schema).sql).toBeNull();
  });
});
