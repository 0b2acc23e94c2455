import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { makeDataTable } from '../../../../src/engine/table.js';
import { apply, runStep, table, values } from '../helpers.js';

const orders = () =>
  table({ amount: 'float', quantity: 'integer', code: 'string', paid: 'boolean' }, [
    [12.34, 3, ' 5 ', true],
    [0.1, 2, 'x', false],
    [null, 4, '0', null],
    [2.5, null, '1e3', true],
  ]);

describe('math_operation', () => {
  it('multiplies two columns into a new float column, normalizing floats and nulls', () => {
    const result = apply(orders(), 'math_operation', { new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity' });
    expect(values(result.table, 'total')).toEqual([37.02, 0.2, null, null]);
    expect(result.table.schema.at(-1)).toEqual({ name: 'total', type: 'float' });
    expect(result.steps[0].params).toEqual({ new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity', value: null });
    expect(result.steps[0].warnings).toEqual([]);
    expect(result.steps[0].metadata).toEqual({});
  });

  it('keeps integer results integer, and 0.1 + 0.2 is 0.3', () => {
    const ints = apply(orders(), 'math_operation', { new_column: 'q2', operation: 'add', column1: 'quantity', value: 2 });
    expect(values(ints.table, 'q2')).toEqual([5, 4, 6, null]);
    expect(ints.table.schema.at(-1)!.type).toBe('integer');
    const frac = apply(orders(), 'math_operation', { new_column: 'q2', operation: 'add', column1: 'quantity', value: 0.5 });
    expect(frac.table.schema.at(-1)!.type).toBe('float');
    const sums = apply(table({ a: 'float', b: 'float' }, [[0.1, 0.2]]), 'math_operation', { new_column: 'c', operation: 'add', column1: 'a', column2: 'b' });
    expect(values(sums.table, 'c')).toEqual([0.3]);
    const div = apply(table({ a: 'integer' }, [[1], [6]]), 'math_operation', { new_column: 'c', operation: 'divide', column1: 'a', value: 3 });
    expect(values(div.table, 'c')).toEqual([0.333333333333333, 2]);
    expect(div.table.schema.at(-1)!.type).toBe('float');
  });

  it('an integer result past 2^53 makes the column float, every result normalized whatever its row (§2.1, §2.5)', () => {
    const big = (rows: number[]) => table({ a: 'integer' }, rows.map((r) => [r]));
    const params = { new_column: 'c', operation: 'add', column1: 'a', value: 10 };
    for (const rows of [[1234567890123456, 9007199254740991], [9007199254740991, 1234567890123456]]) {
      const result = apply(big(rows), 'math_operation', params);
      expect(result.table.schema.at(-1)!.type).toBe('float');
      expect(values(result.table, 'c')).toEqual(rows[0] === 9007199254740991 ? [9007199254741000, 1234567890123470] : [1234567890123470, 9007199254741000]);
    }
    expect(apply(big([0]), 'math_operation', { ...params, operation: 'multiply', value: -5 }).table.schema.at(-1)!.type).toBe('integer');
    expect(Object.is(values(apply(big([0]), 'math_operation', { ...params, operation: 'multiply', value: -5 }).table, 'c')[0], 0)).toBe(true);
  });

  it('writes in place over column1 and keeps its position', () => {
    const result = apply(orders(), 'math_operation', { new_column: 'amount', operation: 'subtract', column1: 'amount', value: 0.1 });
    expect(result.table.schema.map((c) => c.name)).toEqual(['amount', 'quantity', 'code', 'paid']);
    expect(values(result.table, 'amount')).toEqual([12.24, 0, null, 2.4]);
  });

  it('nulls division by a zero cell with DIVIDE_BY_ZERO, and coerces text with VALUES_NULLED', () => {
    const result = apply(orders(), 'math_operation', { new_column: 'r', operation: 'divide', column1: 'quantity', column2: 'code' });
    expect(values(result.table, 'r')).toEqual([0.6, null, null, null]);
    expect(result.steps[0].warnings).toEqual([
      { code: 'VALUES_NULLED', message: '1 value in "code" is not a number and became null.', column: 'code', count: 1, samples: ['x'] },
      { code: 'DIVIDE_BY_ZERO', message: '1 row divided by zero; the result is null.', column: 'r', count: 1 },
    ]);
  });

  it('validates operands, value, types and the output name', () => {
    const neither = runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'amount' });
    expect(neither.errors[0]).toMatchObject({ code: 'INVALID_PARAM', message: 'Step 1 (math_operation): Either column2 or value must be specified' });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'amount', column2: 'quantity', value: 1 }).errors[0].code).toBe('INVALID_PARAM');
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'divide', column1: 'amount', value: 0 }).errors[0]).toMatchObject({
      code: 'INVALID_PARAM',
      param: 'value',
      message: 'Step 1 (math_operation) value: Cannot divide by zero',
    });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'power', column1: 'amount', value: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'operation' });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'amount', value: '2' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value' });
    expect(runStep(orders(), 'math_operation', { operation: 'add', column1: 'amount', value: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'amount', value: 2, x: 1 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'x' });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'amont', value: 2 }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column1', suggestion: 'amount' });
    expect(runStep(orders(), 'math_operation', { new_column: 't', operation: 'add', column1: 'paid', value: 2 }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'column1' });
    expect(runStep(orders(), 'math_operation', { new_column: 'code', operation: 'add', column1: 'amount', value: 2 }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
  });

  it('runs a 1M-row multiply quickly', () => {
    const n = 1_000_000;
    const amount = Array.from({ length: n }, (_, i) => (i % 1000) / 100 + 0.99);
    const quantity = Array.from({ length: n }, (_, i) => (i % 7) + 1);
    const big = makeDataTable([{ name: 'amount', type: 'float' }, { name: 'quantity', type: 'integer' }], [amount, quantity]);
    const started = performance.now();
    const result = apply(big, 'math_operation', { new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(values(result.table, 'total').slice(0, 3)).toEqual([0.99, 2, 3.03]);
  });

  it('renders the md call and SQL', () => {
    const p = getPrimitive('math_operation')!;
    const schema = orders().schema;
    const r = p.render({ new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity', value: null }, schema);
    expect(r.js).toBe('dt = md.math_operation(dt, {"new_column":"total","operation":"multiply","column1":"amount","column2":"quantity","value":null});');
    expect(r.sql).toBe('SELECT "amount", "quantity", "code", "paid", ("amount"::float8 * "quantity")::numeric::float8 AS "total", "_row" FROM {input} ORDER BY "_row"');
    const ints = p.render({ new_column: 'quantity', operation: 'add', column1: 'quantity', column2: null, value: 1 }, schema);
    expect(ints.sql).toBe('SELECT "amount", (CASE WHEN BOOL_AND(ABS(("quantity"::numeric + 1)) <= 9007199254740991) OVER () THEN ("quantity"::numeric + 1) ELSE (("quantity"::numeric + 1))::float8::numeric END) AS "quantity", "code", "paid", "_row" FROM {input} ORDER BY "_row"');
  });
});

describe('round_numbers and floor_ceil', () => {
  const prices = () => table({ p: 'float', n: 'integer', t: 'string', d: 'datetime' }, [[2.5, 1250, '2.675', null], [-2.5, 1249, 'abc', null], [1.005, null, null, null], [null, -1251, ' 0.125 ', null]]);

  it('rounds half away from zero, decimal-correct', () => {
    expect(values(apply(prices(), 'round_numbers', { column: 'p' }).table, 'p')).toEqual([3, -3, 1, null]);
    expect(values(apply(prices(), 'round_numbers', { column: 'p', decimals: 2 }).table, 'p')).toEqual([2.5, -2.5, 1.01, null]);
    const tens = apply(prices(), 'round_numbers', { column: 'n', decimals: -2 });
    expect(values(tens.table, 'n')).toEqual([1300, 1200, null, -1300]);
    expect(tens.table.schema[1].type).toBe('integer');
    expect(tens.steps[0].params).toEqual({ column: 'n', decimals: -2, method: 'round' });
  });

  it('coerces text with VALUES_NULLED and types the column', () => {
    const result = apply(prices(), 'round_numbers', { column: 't', decimals: 2 });
    expect(values(result.table, 't')).toEqual([2.68, null, null, 0.13]);
    expect(result.table.schema[2]).toEqual({ name: 't', type: 'float' });
    expect(result.steps[0].warnings).toMatchObject([{ code: 'VALUES_NULLED', column: 't', count: 1, samples: ['abc'] }]);
    expect(apply(prices(), 'round_numbers', { column: 'p', decimals: 0 }).table.schema[0].type).toBe('integer');
  });

  it('a rounded value past 2^53 makes the column float (§2.1)', () => {
    const result = apply(table({ x: 'float' }, [[3e21], [12.5]]), 'round_numbers', { column: 'x', decimals: -1 });
    expect(result.table.schema[0]).toEqual({ name: 'x', type: 'float' });
    expect(values(result.table, 'x')).toEqual([3e21, 10]);
  });

  it('floors and ceils at a decimal position', () => {
    const t = table({ x: 'float' }, [[1.234], [-1.235], [1.11], [1.15]]);
    expect(values(apply(t, 'floor_ceil', { column: 'x', method: 'floor', precision: 2 }).table, 'x')).toEqual([1.23, -1.24, 1.11, 1.15]);
    expect(values(apply(t, 'floor_ceil', { column: 'x', method: 'ceil', precision: 1 }).table, 'x')).toEqual([1.3, -1.2, 1.2, 1.2]);
    expect(values(apply(t, 'round_numbers', { column: 'x', decimals: 1, method: 'floor' }).table, 'x')).toEqual([1.2, -1.3, 1.1, 1.1]);
    expect(values(apply(t, 'floor_ceil', { column: 'x', method: 'floor' }).table, 'x')).toEqual([1, -2, 1, 1]);
  });

  it('validates', () => {
    expect(runStep(prices(), 'round_numbers', { column: 'p', decimals: 16 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'decimals' });
    expect(runStep(prices(), 'round_numbers', { column: 'p', decimals: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'decimals' });
    expect(runStep(prices(), 'round_numbers', { column: 'd' }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH', param: 'column' });
    expect(runStep(prices(), 'round_numbers', { column: 'q' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'column' });
    expect(runStep(prices(), 'round_numbers', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(prices(), 'floor_ceil', { column: 'p', method: 'round' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(prices(), 'floor_ceil', { column: 'p' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'method' });
    expect(runStep(prices(), 'floor_ceil', { column: 'p', method: 'floor', decimals: 2 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'decimals' });
  });

  it('renders SQL with numeric rounding', () => {
    const schema = prices().schema;
    expect(getPrimitive('round_numbers')!.render({ column: 'p', decimals: 2, method: 'round' }, schema).sql).toBe(
      'SELECT (ROUND("p"::numeric, 2))::float8 AS "p", "n", "t", "d", "_row" FROM {input} ORDER BY "_row"',
    );
    expect(getPrimitive('floor_ceil')!.render({ column: 'n', method: 'floor', precision: -1 }, schema).sql).toBe(
      'SELECT "p", (FLOOR("n"::numeric * POWER(10::numeric, -1)) / POWER(10::numeric, -1))::bigint AS "n", "t", "d", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('percentage', () => {
  const sales = () => table({ region: 'string', sales: 'integer', visits: 'float' }, [['n', 50, 200], ['s', 30, 0], ['e', null, 10], ['w', 20, null]]);

  it('gives the share of the total, ×100 by default, with the total in metadata', () => {
    const result = apply(sales(), 'percentage', { column: 'sales', new_column: 'pct' });
    expect(values(result.table, 'pct')).toEqual([50, 30, null, 20]);
    expect(result.table.schema.at(-1)).toEqual({ name: 'pct', type: 'float' });
    expect(result.steps[0].metadata).toEqual({ total: 100 });
    expect(result.steps[0].params).toEqual({ column: 'sales', new_column: 'pct', mode: 'of_total', denominator_column: null, multiply_by_100: true });
    expect(values(apply(sales(), 'percentage', { column: 'sales', new_column: 'pct', multiply_by_100: false }).table, 'pct')).toEqual([0.5, 0.3, null, 0.2]);
  });

  it('divides by another column in ratio mode; a zero or null denominator gives null', () => {
    const result = apply(sales(), 'percentage', { column: 'sales', new_column: 'rate', mode: 'ratio', denominator_column: 'visits' });
    expect(values(result.table, 'rate')).toEqual([25, null, null, null]);
    expect(result.steps[0].metadata).toEqual({ total: null });
  });

  it('a zero total nulls every row with DIVIDE_BY_ZERO', () => {
    const result = apply(table({ x: 'integer' }, [[0], [0], [null]]), 'percentage', { column: 'x', new_column: 'p' });
    expect(values(result.table, 'p')).toEqual([null, null, null]);
    expect(result.steps[0].warnings).toMatchObject([{ code: 'DIVIDE_BY_ZERO', column: 'x', count: 2 }]);
  });

  it('validates', () => {
    expect(runStep(sales(), 'percentage', { column: 'sales', new_column: 'r', mode: 'ratio' }).errors[0]).toMatchObject({
      code: 'INVALID_PARAM',
      message: "Step 1 (percentage) denominator_column: denominator_column required for 'ratio' mode",
    });
    expect(runStep(sales(), 'percentage', { column: 'sales', new_column: 'sales' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS' });
    expect(runStep(sales(), 'percentage', { column: 'sales', new_column: 'p', mode: 'share' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mode' });
    expect(runStep(sales(), 'percentage', { column: 'sales', new_column: 'p', mode: 'ratio', denominator_column: 'visit' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'denominator_column' });
    expect(runStep(sales(), 'percentage', { column: 'sales' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
  });

  it('renders SQL with a window total', () => {
    expect(getPrimitive('percentage')!.render({ column: 'sales', new_column: 'p', mode: 'of_total', denominator_column: null, multiply_by_100: true }, sales().schema).sql).toBe(
      'SELECT "region", "sales", "visits", ("sales"::float8 / NULLIF((SUM("sales"::float8) OVER ())::numeric::float8, 0) * 100)::numeric::float8 AS "p", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});

describe('absolute_value', () => {
  const t = () => table({ n: 'integer', f: 'float', s: 'string', b: 'boolean' }, [[-3, -1.5, '-2', true], [4, null, 'x', false], [null, 2, null, null]]);

  it('takes |x| in place keeping the type, counting negatives', () => {
    const result = apply(t(), 'absolute_value', { column: 'n' });
    expect(values(result.table, 'n')).toEqual([3, 4, null]);
    expect(result.table.schema[0]).toEqual({ name: 'n', type: 'integer' });
    expect(result.steps[0].metadata).toEqual({ negatives_converted: 1 });
    expect(result.steps[0].params).toEqual({ column: 'n', new_column: null });
  });

  it('writes a new column, coercing text', () => {
    const result = apply(t(), 'absolute_value', { column: 's', new_column: 's_abs' });
    expect(values(result.table, 's_abs')).toEqual([2, null, null]);
    expect(values(result.table, 's')).toEqual(['-2', 'x', null]);
    expect(result.steps[0].warnings).toMatchObject([{ code: 'VALUES_NULLED', count: 1, samples: ['x'] }]);
  });

  it('validates', () => {
    expect(runStep(t(), 'absolute_value', { column: 'b' }).errors[0]).toMatchObject({ code: 'TYPE_MISMATCH' });
    expect(runStep(t(), 'absolute_value', { column: 'n', new_column: 'f' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column' });
    expect(runStep(t(), 'absolute_value', { column: 'm' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    expect(runStep(t(), 'absolute_value', { column: 'n', inplace: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'inplace' });
    expect(getPrimitive('absolute_value')!.render({ column: 'f', new_column: null }, t().schema).sql).toBe('SELECT "n", ABS("f") AS "f", "s", "b", "_row" FROM {input} ORDER BY "_row"');
  });
});
