import { describe, expect, it } from 'vitest';
import { getPrimitive, runPlan } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table } from '../helpers.js';

/** What the reader makes of a file with a title line and a blank line above the real header. */
const report = () =>
  table({ 'Sales report': 'string', column_2: 'string', column_3: 'string' }, [
    [null, null, null],
    ['Order ID', 'Amount', ' Region '],
    ['1001', '25.5', 'North'],
    ['1002', '30', 'South'],
  ]);

describe('detect_header', () => {
  it('finds a header row below the current one and leaves the table unchanged by default', () => {
    const result = apply(report(), 'detect_header');
    expect(result.steps[0].metadata).toEqual({
      detected_header_row: 1,
      confidence_score: 75,
      header_score: 20,
      detection_reason: '3 text values; no empty cells; short header-like values; 2 columns change kind on the next row',
      rows_removed: 0,
      new_columns: null,
    });
    expect(rows(result.table)).toEqual(rows(report()));
    expect(result.steps[0].params).toEqual({ max_rows_to_check: 20, expected_columns: null, min_string_columns: 2, apply_header: false });
  });

  it('applies the header: trimmed names, rows above removed, types re-inferred', () => {
    const result = apply(report(), 'detect_header', { apply_header: true });
    expect(result.table.schema).toEqual([
      { name: 'Order ID', type: 'integer' },
      { name: 'Amount', type: 'float' },
      { name: 'Region', type: 'string' },
    ]);
    expect(rows(result.table)).toEqual([
      [1001, 25.5, 'North'],
      [1002, 30, 'South'],
    ]);
    expect(result.steps[0].metadata).toMatchObject({ detected_header_row: 1, rows_removed: 2, new_columns: ['Order ID', 'Amount', 'Region'] });
  });

  it('keeps a clean table: the current header is a candidate', () => {
    const clean = table({ id: 'integer', name: 'string' }, [
      [1, 'a'],
      [2, 'b'],
    ]);
    const result = apply(clean, 'detect_header', { apply_header: true });
    expect(result.steps[0].metadata).toEqual({
      detected_header_row: null,
      confidence_score: 60,
      header_score: 60,
      detection_reason: 'the current header scores highest; 2 text values; no empty cells; short header-like values; 1 column change kind on the next row',
      rows_removed: 0,
      new_columns: null,
    });
    expect(rows(result.table)).toEqual(rows(clean));
  });

  it('scores expected names, names empty cells col_<j> and numbers repeated names', () => {
    const t = table({ a: 'string', b: 'string', c: 'string', d: 'string' }, [
      ['x', 'y', 'z', 'w'],
      ['Total', null, 'Total', 'amount due'],
      ['1', '2', '3', '4'],
    ]);
    const meta = apply(t, 'detect_header', { expected_columns: ['AMOUNT'], max_rows_to_check: 2, apply_header: true });
    expect(meta.steps[0].metadata).toMatchObject({ detected_header_row: 1, new_columns: ['Total', 'col_1', 'Total_2', 'amount due'], rows_removed: 2 });
    expect(meta.table.schema.map((c) => c.type)).toEqual(['integer', 'integer', 'integer', 'integer']);
  });

  it('makes the schema dynamic when applying, so later steps are checked at run time', () => {
    const plan = [
      { op: 'detect_header', params: { apply_header: true } },
      { op: 'sort_rows', params: { columns: ['Amount'] } },
    ];
    expect(runPlan(report(), plan).ok).toBe(true);
    const bad = runPlan(report(), [plan[0], { op: 'sort_rows', params: { columns: ['amount'] } }]);
    expect(bad.error).toMatchObject({ code: 'COLUMN_NOT_FOUND', step_index: 1, suggestion: 'Amount' });
    expect(getPrimitive('detect_header')!.outputSchema({ max_rows_to_check: 20, expected_columns: null, min_string_columns: 2, apply_header: true }, { schema: report().schema, ctx: {} })).toBe('dynamic');
  });

  it('handles an empty table and validates params', () => {
    expect(apply(table({ a: 'string' }, []), 'detect_header').steps[0].metadata).toMatchObject({ detected_header_row: null, header_score: 35 });
    expect(runStep(report(), 'detect_header', { max_rows_to_check: 0 }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'max_rows_to_check' });
    expect(runStep(report(), 'detect_header', { apply: true }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'apply' });
    expect(runStep(report(), 'detect_header', { expected_columns: 'Amount' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'expected_columns' });
  });
});
