import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const raw = () =>
  table({ id: 'string', price: 'string', zip: 'string', active: 'string', when: 'string', note: 'string', empty: 'string', n: 'integer' }, [
    ['1', '1.5', '02134', 'Yes', '2024-01-15', 'hello', null, 1],
    ['2', '2', '10001', 'no', '01/20/2024', 'world', null, 2],
    ['3', '1e3', '94105', 'T', 'Jan 5 2024', '12', null, 3],
    ['4', '-.5', '60601', 'n', '2024/02/01', 'x', null, 4],
    [null, null, null, null, 'someday', null, null, 5],
  ]);

describe('infer_types', () => {
  it('reports the type each column holds, without changing the table', () => {
    const result = apply(raw(), 'infer_types');
    expect(result.steps[0].metadata).toEqual({
      type_info: {
        id: { current_type: 'string', inferred_type: 'integer', confidence: 0.9, reason: 'All 4 sampled values are whole numbers.' },
        price: { current_type: 'string', inferred_type: 'float', confidence: 0.9, reason: 'All 4 sampled values are numbers.' },
        zip: { current_type: 'string', inferred_type: 'string', confidence: 0.8, reason: 'The sampled values are text (0 of 4 parse as dates, fewer than 80%).' },
        active: { current_type: 'string', inferred_type: 'boolean', confidence: 0.95, reason: 'All 4 sampled values are yes/no words.' },
        when: { current_type: 'string', inferred_type: 'datetime', confidence: 0.8, reason: '4 of 5 sampled values parse as dates.' },
        note: { current_type: 'string', inferred_type: 'string', confidence: 0.8, reason: 'The sampled values are text (0 of 4 parse as dates, fewer than 80%).' },
        empty: { current_type: 'string', inferred_type: 'unknown', confidence: 0, reason: 'No non-null values to sample.' },
        n: { current_type: 'integer', inferred_type: 'integer', confidence: 1, reason: 'The column already has type integer.' },
      },
      conversions_applied: [],
    });
    expect(rows(result.table)).toEqual(rows(raw()));
    expect(result.steps[0].params).toEqual({ columns: null, apply_conversion: false, sample_size: 1000 });
  });

  it('converts as change_column_type with coerce, warnings included; 1/0 columns are not boolean', () => {
    const t = table({ flag: 'string', when: 'string', active: 'string' }, [
      ['1', '2024-01-15', 'yes'],
      ['0', '2024-01-16', null],
      ['1', '2024-01-17', 'N'],
      ['0', '2024-01-18', 'y'],
      ['1', 'later', 'f'],
    ]);
    const result = apply(t, 'infer_types', { apply_conversion: true });
    expect(result.table.schema).toEqual([
      { name: 'flag', type: 'integer' },
      { name: 'when', type: 'datetime' },
      { name: 'active', type: 'boolean' },
    ]);
    expect(values(result.table, 'active')).toEqual([true, null, false, true, false]);
    expect(values(result.table, 'when')[4]).toBeNull();
    expect(result.steps[0].warnings).toEqual([
      { code: 'DATES_UNPARSED', message: '1 value in "when" could not be read as dates and became null', column: 'when', count: 1, samples: ['later'] },
    ]);
    expect(result.steps[0].metadata.conversions_applied).toEqual(['flag', 'when', 'active']);
  });

  it('samples the first sample_size non-null values of the listed columns', () => {
    const result = apply(raw(), 'infer_types', { columns: ['note'], sample_size: 2 });
    expect(result.steps[0].metadata.type_info).toEqual({
      note: { current_type: 'string', inferred_type: 'string', confidence: 0.8, reason: 'The sampled values are text (0 of 2 parse as dates, fewer than 80%).' },
    });
    const numbers = table({ v: 'string' }, [['1'], ['2'], ['x']]);
    expect((apply(numbers, 'infer_types', { sample_size: 2 }).steps[0].metadata.type_info as Record<string, { inferred_type: string }>).v.inferred_type).toBe('integer');
  });

  it('has a dynamic output schema only when converting, and validates params', () => {
    const p = getPrimitive('infer_types')!;
    expect(p.outputSchema({ columns: null, apply_conversion: true, sample_size: 1000 }, { schema: raw().schema, ctx: {} })).toBe('dynamic');
    expect(p.outputSchema({ columns: null, apply_conversion: false, sample_size: 1000 }, { schema: raw().schema, ctx: {} })).toEqual(raw().schema);
    expect(p.render({ columns: null, apply_conversion: false, sample_size: 1000 }, raw().schema)).toEqual({
      js: 'md.infer_types(dt, {"columns":null,"apply_conversion":false,"sample_size":1000});',
      sql: null,
    });
    expect(runStep(raw(), 'infer_types', { sample_size: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'sample_size' });
    expect(runStep(raw(), 'infer_types', { columns: ['ID'] }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'id' });
    expect(runStep(raw(), 'infer_types', { convert: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'convert' });
  });
});
