import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';

const dt = () => table({ cust: 'string', amt: 'integer' }, [['a', 1], [null, 2], ['b', 3], ['a', 4], [null, 5]]);

describe('row_number', () => {
  it('appends row_num from 1 in current order', () => {
    const result = apply(dt(), 'row_number', {});
    expect(values(result.table, 'row_num')).toEqual([1, 2, 3, 4, 5]);
    expect(result.table.schema[2]).toEqual({ name: 'row_num', type: 'integer' });
    expect(result.steps[0].metadata).toEqual({ start: 1, partitioned: false });
    expect(result.steps[0].params).toEqual({ new_column: 'row_num', start: 1, partition_by: null });
  });
  it('restarts per partition, null keys forming their own', () => {
    const result = apply(dt(), 'row_number', { new_column: 'seq', start: 0, partition_by: 'cust' });
    expect(values(result.table, 'seq')).toEqual([0, 0, 0, 1, 1]);
    expect(result.steps[0].metadata).toEqual({ start: 0, partitioned: true });
    expect(result.steps[0].params.partition_by).toEqual(['cust']);
  });
  it('validates params and rule D', () => {
    const exists = runStep(dt(), 'row_number', { new_column: 'amt' });
    expect(exists.errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'new_column', message: 'Step 1 (row_number) new_column: column "amt" already exists.' });
    expect(runStep(dt(), 'row_number', { new_column: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'new_column' });
    expect(runStep(dt(), 'row_number', { start: 1.5 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'start' });
    expect(runStep(dt(), 'row_number', { partition_by: ['x'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'partition_by[0]' });
  });
  it('renders', () => {
    const p = getPrimitive('row_number')!;
    expect(p.render(p.params.parse({ start: 0 }), dt().schema)).toEqual({
      js: 'dt = dt.derive({ "row_num": () => op.row_number() - 1 });',
      sql: 'SELECT "cust", "amt", ROW_NUMBER() OVER (ORDER BY "_row") - 1 AS "row_num", "_row" FROM {input} ORDER BY "_row"',
    });
    expect(p.render(p.params.parse({ partition_by: ['cust'], start: 5 }), dt().schema).sql).toBe(
      'SELECT "cust", "amt", ROW_NUMBER() OVER (PARTITION BY "cust" ORDER BY "_row") + 4 AS "row_num", "_row" FROM {input} ORDER BY "_row"',
    );
  });
});
