import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const people = () =>
  table({ name: 'string', age: 'integer', status: 'string', score: 'integer' }, [
    ['ann', 30, 'Active', 90],
    ['bob', null, 'cancelled', null],
    ['cy', 15, null, 70],
    ['dee', 45, 'ACTIVE', 85],
  ]);

describe('filter_rows', () => {
  it('keeps rows matching all conditions and reports rows_filtered', () => {
    const result = apply(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'gte', value: '18' }, { column: 'status', operator: 'eq', value: 'active' }] });
    expect(values(result.table, 'name')).toEqual(['ann', 'dee']);
    expect(result.steps[0].metadata).toEqual({ rows_filtered: 2 });
    expect(result.steps[0].params).toEqual({
      conditions: [
        { column: 'age', operator: 'gte', value: '18', case_sensitive: false, match_null: false },
        { column: 'status', operator: 'eq', value: 'active', case_sensitive: false, match_null: false },
      ],
      logic: 'and',
      keep: true,
    });
  });

  it('combines with or, and keep: false keeps nulls (§3.5)', () => {
    expect(values(apply(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'lt', value: 18 }, { column: 'status', operator: 'isnull' }], logic: 'or' }).table, 'name')).toEqual(['cy']);
    expect(values(apply(people(), 'filter_rows', { conditions: [{ column: 'score', operator: 'gt', value: 80 }], keep: false }).table, 'name')).toEqual(['bob', 'cy']);
    expect(values(apply(people(), 'filter_rows', { conditions: [{ column: 'status', operator: 'ne', value: 'cancelled' }] }).table, 'name')).toEqual(['ann', 'dee']);
    expect(values(apply(people(), 'filter_rows', { conditions: [{ column: 'status', operator: 'ne', value: 'cancelled', match_null: true }] }).table, 'name')).toEqual(['ann', 'cy', 'dee']);
    expect(values(apply(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'isnull' }], keep: false }).table, 'name')).toEqual(['ann', 'cy', 'dee']);
  });

  it('text operators are literal and work on numbers', () => {
    const dt = table({ code: 'string', phone: 'integer' }, [['a.b', 5551234], ['ab', 4441234]]);
    expect(rows(apply(dt, 'filter_rows', { conditions: [{ column: 'code', operator: 'contains', value: '.' }] }).table)).toEqual([['a.b', 5551234]]);
    expect(rows(apply(dt, 'filter_rows', { conditions: [{ column: 'phone', operator: 'startswith', value: 444 }] }).table)).toEqual([['ab', 4441234]]);
  });

  it('handles an empty table and keeps the schema', () => {
    const empty = table({ a: 'integer' }, []);
    const result = apply(empty, 'filter_rows', { conditions: [{ column: 'a', operator: 'eq', value: 1 }] });
    expect(result.table.schema).toEqual([{ name: 'a', type: 'integer' }]);
    expect(result.steps[0].metadata).toEqual({ rows_filtered: 0 });
  });

  it('fails validation for bad params, unknown columns and values that do not convert', () => {
    expect(runStep(people(), 'filter_rows', { conditions: [] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions', message: 'Step 1 (filter_rows) conditions: must list at least one condition' });
    expect(runStep(people(), 'filter_rows', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'eq', value: 1 }], mode: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mode' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'eq', value: 1, foo: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].foo' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'like', value: 1 }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].operator' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'in', value: 5 }] }).ok).toBe(true);
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'gt' }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].value' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'eq', value: null }] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'conditions[0].value' });
    expect(runStep(people(), 'filter_rows', { conditions: [{ column: 'name', operator: 'regex', value: '(' }] }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'conditions[0].value' });
    const missing = runStep(people(), 'filter_rows', { conditions: [{ column: 'agee', operator: 'eq', value: 1 }] });
    expect(missing.errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'conditions[0].column', suggestion: 'age' });
    expect(missing.errors[0].message).toBe('Step 1 (filter_rows) conditions[0].column: column "agee" does not exist. Existing columns: "name", "age", "status", "score". Did you mean "age"?');
    const mismatch = runStep(people(), 'filter_rows', { conditions: [{ column: 'age', operator: 'eq', value: 'abc' }] });
    expect(mismatch.errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'conditions[0].value' });
    expect(mismatch.errors[0].message).toBe('Step 1 (filter_rows) conditions[0].value: value "abc" cannot be converted to the type of column "age" (integer).');
  });

  it('renders Arquero and SQL, with no SQL for regex and an md call where JS is not faithful', () => {
    const p = getPrimitive('filter_rows')!;
    const schema = people().schema;
    const parse = (raw: object) => p.params.parse(raw);
    const r = p.render(parse({ conditions: [{ column: 'age', operator: 'gte', value: 18 }] }), schema);
    expect(r.js).toBe('dt = dt.filter(d => (d["age"] != null && d["age"] >= 18));');
    expect(r.sql).toBe('SELECT "name", "age", "status", "score", ROW_NUMBER() OVER (ORDER BY "_row") AS "_row" FROM {input} WHERE ("age" IS NOT NULL AND "age" >= 18) ORDER BY "_row"');
    const two = p.render(parse({ conditions: [{ column: 'age', operator: 'isnull' }, { column: 'status', operator: 'eq', value: 'x' }], logic: 'or', keep: false }), schema);
    expect(two.js).toBe('dt = dt.filter(d => !((d["age"] == null) || ((d["status"] != null && op.lower(d["status"]) === "x"))));');
    expect(two.sql).toContain(`WHERE NOT (("age" IS NULL) OR (("status" IS NOT NULL AND LOWER("status") COLLATE "C" = 'x')))`);
    const re = p.render(parse({ conditions: [{ column: 'name', operator: 'regex', value: '^a' }] }), schema);
    expect(re.sql).toBeNull();
    const text = p.render(parse({ conditions: [{ column: 'name', operator: 'gt', value: 'b' }] }), schema);
    expect(text.js).toBe('dt = md.filter_rows(dt, {"conditions":[{"column":"name","operator":"gt","value":"b","case_sensitive":false,"match_null":false}],"logic":"and","keep":true});');
    expect(p.summary(parse({ conditions: [{ column: 'age', operator: 'gte', value: 18 }] }))).toBe('keep rows where age >= 18');
  });
});
