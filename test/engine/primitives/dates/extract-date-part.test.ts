import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/registry.js';
import { apply, runStep, table, values } from '../helpers.js';
import { utcDate } from '../../../../src/engine/values/index.js';
import '../../../../src/engine/primitives/index.js';

const d = (y: number, m: number, day: number, h = 0, mi = 0, s = 0) => utcDate(y, m, day, h, mi, s);
const dt = table({ when: 'datetime' }, [[d(2024, 1, 15, 13, 45, 30)], [null], [d(2021, 1, 3)], [d(2024, 12, 30)]]);
const texts = table({ when: 'string' }, [['24/01/2024'], ['02/03/2024'], ['not a date'], [null], ['March 5, 2024 3:30 PM']]);

describe('extract_date_part', () => {
  it.each([
    ['year', [2024, null, 2021, 2024]],
    ['month', [1, null, 1, 12]],
    ['day', [15, null, 3, 30]],
    ['week', [3, null, 53, 1]],
    ['quarter', [1, null, 1, 4]],
    ['dayofweek', [0, null, 6, 0]],
    ['dayofyear', [15, null, 3, 365]],
    ['hour', [13, null, 0, 0]],
    ['minute', [45, null, 0, 0]],
    ['second', [30, null, 0, 0]],
    ['weekday_name', ['Monday', null, 'Sunday', 'Monday']],
    ['month_name', ['January', null, 'January', 'December']],
  ])('%s', (part, expected) => {
    const r = apply(dt, 'extract_date_part', { part, column: 'when' });
    expect(values(r.table, `when_${part}`)).toEqual(expected);
    expect(r.table.schema.at(-1)).toEqual({ name: `when_${part}`, type: part.endsWith('_name') ? 'string' : 'integer' });
    expect(r.steps[0].metadata).toEqual({ part_extracted: part, valid_dates: 3, invalid_dates: 1 });
    expect(r.steps[0].warnings).toEqual([]);
  });

  it('parses text with one day/month order for the column and warns about the rest', () => {
    const r = apply(texts, 'extract_date_part', { column: 'when', part: 'month', new_column: 'm' });
    expect(values(r.table, 'm')).toEqual([1, 3, null, null, 3]);
    expect(values(r.table, 'when')).toEqual(['24/01/2024', '02/03/2024', 'not a date', null, 'March 5, 2024 3:30 PM']);
    expect(r.steps[0].metadata).toEqual({ part_extracted: 'month', valid_dates: 3, invalid_dates: 2 });
    expect(r.steps[0].warnings).toEqual([
      { code: 'DATES_UNPARSED', message: '1 value in "when" could not be read as dates and became null', column: 'when', count: 1, samples: ['not a date'] },
    ]);
    expect(r.steps[0].params).toEqual({ column: 'when', part: 'month', new_column: 'm', day_first: null });
  });

  it('follows day_first', () => {
    const r = apply(texts, 'extract_date_part', { column: 'when', part: 'day', day_first: false });
    expect(values(r.table, 'when_day')).toEqual([null, 3, null, null, 5]);
    expect(r.steps[0].warnings[0]).toMatchObject({ count: 2, samples: ['24/01/2024', 'not a date'] });
  });

  it('reads numbers and booleans as unparseable', () => {
    const r = apply(table({ n: 'integer' }, [[20240115], [null]]), 'extract_date_part', { column: 'n', part: 'year' });
    expect(values(r.table, 'n_year')).toEqual([null, null]);
    expect(r.steps[0].warnings[0]).toMatchObject({ code: 'DATES_UNPARSED', count: 1, samples: ['20240115'] });
  });

  it('refuses an existing output name, even the source column', () => {
    const t = table({ when: 'datetime', when_year: 'integer' }, []);
    expect(runStep(t, 'extract_date_part', { column: 'when', part: 'year' }).errors[0]).toMatchObject({
      code: 'COLUMN_EXISTS', param: 'new_column', message: 'Step 1 (extract_date_part) new_column: column "when_year" already exists.',
    });
    expect(runStep(t, 'extract_date_part', { column: 'when', part: 'year', new_column: 'when' }).errors[0].code).toBe('COLUMN_EXISTS');
  });

  it('validates parameters', () => {
    const codes = (params: Record<string, unknown>) => runStep(dt, 'extract_date_part', params).errors.map((e) => [e.code, e.param]);
    expect(codes({ column: 'when' })).toEqual([['INVALID_PARAM', 'part']]);
    expect(codes({ column: 'when', part: 'decade' })).toEqual([['INVALID_PARAM', 'part']]);
    expect(codes({ column: 'when', part: 'year', day_first: 'yes' })).toEqual([['INVALID_PARAM', 'day_first']]);
    expect(codes({ column: 'when', part: 'year', extra: 1 })).toEqual([['INVALID_PARAM', 'extra']]);
    expect(codes({ column: 'whn', part: 'year' })).toEqual([['COLUMN_NOT_FOUND', 'column']]);
  });

  it('renders the md call, and SQL only for datetime columns', () => {
    const p = getPrimitive('extract_date_part')!;
    const params = { column: 'when', part: 'year', new_column: null, day_first: null };
    expect(p.render(params, texts.schema).sql).toBeNull();
    expect(p.render(params, dt.schema)).toEqual({
      js: 'dt = md.extract_date_part(dt, {"column":"when","part":"year","new_column":null,"day_first":null});',
      sql: 'SELECT "when", EXTRACT(YEAR FROM "when")::bigint AS "when_year", "_row" FROM {input} ORDER BY "_row"',
    });
  });
});
