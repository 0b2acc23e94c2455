import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

const wide = () =>
  table({ store: 'string', jan: 'integer', feb: 'float', mar: 'integer' }, [
    ['A', 1, 1.5, null],
    ['B', null, 2, 3],
  ]);

describe('unpivot', () => {
  it('is row-major, keeps nulls and unifies value types', () => {
    const result = apply(wide(), 'unpivot', { id_columns: ['store'], value_columns: ['jan', 'feb', 'mar'], var_name: 'month', value_name: 'sales' });
    expect(result.table.schema).toEqual([
      { name: 'store', type: 'string' },
      { name: 'month', type: 'string' },
      { name: 'sales', type: 'float' },
    ]);
    expect(rows(result.table)).toEqual([
      ['A', 'jan', 1],
      ['A', 'feb', 1.5],
      ['A', 'mar', null],
      ['B', 'jan', null],
      ['B', 'feb', 2],
      ['B', 'mar', 3],
    ]);
    expect(result.steps[0].metadata).toEqual({});
  });

  it('null or [] value_columns means every non-id column; [] ids allowed', () => {
    const all = apply(wide(), 'unpivot', { id_columns: ['store'] });
    expect(all.steps[0].params).toEqual({ id_columns: ['store'], value_columns: null, var_name: 'variable', value_name: 'value' });
    expect(rows(all.table).length).toBe(6);
    expect(rows(apply(wide(), 'unpivot', { id_columns: ['store'], value_columns: [] }).table)).toEqual(rows(all.table));
    const noIds = apply(wide(), 'unpivot', { id_columns: [], value_columns: ['store', 'jan'] });
    expect(noIds.table.schema).toEqual([
      { name: 'variable', type: 'string' },
      { name: 'value', type: 'string' },
    ]);
    expect(rows(noIds.table)).toEqual([
      ['store', 'A'],
      ['jan', '1'],
      ['store', 'B'],
      ['jan', null],
    ]);
  });

  it('rejects overlapping ids, equal names, collisions and no value column', () => {
    expect(runStep(wide(), 'unpivot', { id_columns: ['store'], value_columns: ['store', 'jan'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value_columns[0]' });
    expect(runStep(wide(), 'unpivot', { id_columns: ['store'], var_name: 'x', value_name: 'x' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value_name' });
    expect(runStep(wide(), 'unpivot', { id_columns: ['store'], var_name: 'store' }).errors[0]).toMatchObject({
      code: 'COLUMN_EXISTS',
      param: 'var_name',
      message: 'Step 1 (unpivot) var_name: column "store" already exists.',
    });
    expect(runStep(wide(), 'unpivot', { id_columns: ['store'], value_name: 'store' }).errors[0]).toMatchObject({ code: 'COLUMN_EXISTS', param: 'value_name' });
    expect(runStep(wide(), 'unpivot', { id_columns: ['store', 'jan', 'feb', 'mar'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'value_columns' });
    expect(apply(wide(), 'unpivot', { id_columns: ['store'], value_columns: ['jan'], var_name: 'jan' }).ok).toBe(true);
    expect(runStep(wide(), 'unpivot', { value_columns: ['jan'] }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'id_columns' });
    expect(runStep(wide(), 'unpivot', { id_columns: ['store'], var_name: '' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'var_name' });
    expect(runStep(wide(), 'unpivot', { id_columns: ['Store'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', param: 'id_columns[0]', suggestion: 'store' });
  });

  it('renders SQL with a lateral VALUES list in row-major order', () => {
    const r = getPrimitive('unpivot')!.render({ id_columns: ['store'], value_columns: ['jan', 'mar'], var_name: 'month', value_name: 'sales' }, wide().schema);
    expect(r.js).toBe('dt = md.unpivot(dt, {"id_columns":["store"],"value_columns":["jan","mar"],"var_name":"month","value_name":"sales"});');
    expect(r.sql).toBe(
      `SELECT "store", "_v"."_var" AS "month", "_v"."_val" AS "sales", ROW_NUMBER() OVER (ORDER BY {input}."_row", "_v"."_ord") AS "_row" FROM {input} CROSS JOIN LATERAL (VALUES ('jan', "jan"::bigint, 0), ('mar', "mar"::bigint, 1)) AS "_v"("_var", "_val", "_ord") ORDER BY "_row"`,
    );
  });
});
