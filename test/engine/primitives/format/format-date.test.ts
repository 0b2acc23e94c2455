import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/registry.js';
import { utcDate } from '../../../../src/engine/values/index.js';
import { apply, runStep, table, values } from '../helpers.js';

describe('format_date', () => {
  it('rewrites mixed text dates with the default format, one day/month order for the column', () => {
    const t = table({ d: 'string' }, [['24/01/2024'], ['02/03/2024'], ['March 5, 2024'], [null], ['2024-01-15T10:30:00+02:00'], ['soon']]);
    const r = apply(t, 'format_date', { column: 'd' });
    expect(values(r.table, 'd')).toEqual(['2024-01-24', '2024-03-02', '2024-03-05', null, '2024-01-15', null]);
    expect(r.table.schema).toEqual([{ name: 'd', type: 'string' }]);
    expect(r.steps[0].metadata).toEqual({ dates_formatted: 4, dates_unparsed: 1, day_first: true });
    expect(r.steps[0].warnings).toEqual([
      { code: 'DATES_UNPARSED', message: '1 value in "d" could not be read as dates and became null', column: 'd', count: 1, samples: ['soon'] },
    ]);
    expect(r.steps[0].params).toEqual({ column: 'd', output_format: '%Y-%m-%d', input_format: null, day_first: null });
  });

  it('formats datetime columns with any tokens', () => {
    const t = table({ at: 'datetime' }, [[utcDate(2024, 3, 5, 14, 7, 9)], [null]]);
    const r = apply(t, 'format_date', { column: 'at', output_format: '%A, %B %-d, %Y at %-I:%M %p (%j)' });
    expect(values(r.table, 'at')).toEqual(['Tuesday, March 5, 2024 at 2:07 PM (065)', null]);
    expect(r.steps[0].metadata).toEqual({ dates_formatted: 1, dates_unparsed: 0, day_first: false });
  });

  it('parses strictly with input_format and reports day_first as null', () => {
    const t = table({ d: 'string' }, [['20240131'], ['2024-01-31'], [' 20240229 ']]);
    const r = apply(t, 'format_date', { column: 'd', input_format: '%Y%m%d', output_format: '%d.%m.%Y' });
    expect(values(r.table, 'd')).toEqual(['31.01.2024', null, '29.02.2024']);
    expect(r.steps[0].metadata).toEqual({ dates_formatted: 2, dates_unparsed: 1, day_first: null });
  });

  it('follows day_first', () => {
    const t = table({ d: 'string' }, [['02/03/2024'], ['01/15/2024']]);
    const r = apply(t, 'format_date', { column: 'd', day_first: true, output_format: '%b %d' });
    expect(values(r.table, 'd')).toEqual(['Mar 02', null]);
    expect(r.steps[0].metadata).toMatchObject({ day_first: true, dates_unparsed: 1 });
  });

  it('treats numbers as unparseable', () => {
    const r = apply(table({ n: 'integer' }, [[20240131]]), 'format_date', { column: 'n' });
    expect(values(r.table, 'n')).toEqual([null]);
    expect(r.table.schema[0].type).toBe('string');
    expect(r.steps[0].warnings[0]).toMatchObject({ code: 'DATES_UNPARSED', samples: ['20240131'] });
  });

  it('validates formats and parameters', () => {
    const t = table({ d: 'string' }, []);
    const errors = (p: Record<string, unknown>) => runStep(t, 'format_date', p).errors;
    expect(errors({ column: 'd', output_format: '%Y-%Q' })[0]).toMatchObject({
      code: 'INVALID_PARAM',
      param: 'output_format',
      message: 'Step 1 (format_date) output_format: unknown date format token "%Q". Allowed: %Y %y %m %d %e %B %b %A %a %H %I %p %M %S %f %j %F %T %% and %-m %-d %-H %-I %-M %-S',
    });
    expect(errors({ column: 'd', input_format: '%z' }).map((e) => e.param)).toEqual(['input_format']);
    expect(errors({ column: 'd', output_format: '' }).map((e) => e.param)).toEqual(['output_format']);
    expect(errors({}).map((e) => [e.code, e.param])).toEqual([['INVALID_PARAM', 'column']]);
    expect(errors({ column: 'd', format: '%Y' }).map((e) => e.code)).toEqual(['INVALID_PARAM']);
    expect(errors({ column: 'e' }).map((e) => e.code)).toEqual(['COLUMN_NOT_FOUND']);
  });

  it('renders as the md call without SQL', () => {
    const p = { column: 'd', output_format: '%Y', input_format: null, day_first: null };
    expect(getPrimitive('format_date')!.render(p, [{ name: 'd', type: 'datetime' }])).toEqual({
      js: 'dt = md.format_date(dt, {"column":"d","output_format":"%Y","input_format":null,"day_first":null});',
      sql: null,
    });
  });
});
