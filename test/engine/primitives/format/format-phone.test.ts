import { describe, expect, it } from 'vitest';
import { apply, runStep, table, values } from '../helpers.js';

const phones = table({ phone: 'string' }, [['555-123-4567'], ['(555) 123 4567'], ['1 555 123 4567'], ['+44 20 7946 0958'], ['12345'], [null], ['   '], ['555.123.4567']]);

describe('format_phone', () => {
  it('formats 10-digit numbers and leaves the rest as they were', () => {
    const r = apply(phones, 'format_phone', { column: 'phone' });
    expect(values(r.table, 'phone')).toEqual(['(555) 123-4567', '(555) 123-4567', '(555) 123-4567', '+44 20 7946 0958', '12345', null, '   ', '(555) 123-4567']);
    expect(r.steps[0].metadata).toEqual({ phones_formatted: 4, phones_failed: 2 });
    expect(r.steps[0].warnings).toEqual([
      {
        code: 'PHONES_UNFORMATTED',
        message: '2 values in "phone" are not a 10-digit phone number and were left unchanged',
        column: 'phone',
        count: 2,
        samples: ['+44 20 7946 0958', '12345'],
      },
    ]);
    expect(r.steps[0].params).toEqual({ column: 'phone', format: '(XXX) XXX-XXXX', country_code: '1' });
  });

  it.each([
    ['XXX-XXX-XXXX', '555-123-4567'],
    ['XXXXXXXXXX', '5551234567'],
    ['+1 XXX-XXX-XXXX', '+1 555-123-4567'],
  ])('format %s', (format, expected) => {
    expect(values(apply(phones, 'format_phone', { column: 'phone', format }).table, 'phone')[2]).toBe(expected);
  });

  it('uses the country code for the prefix it drops and prints', () => {
    const t = table({ p: 'string' }, [['+44 2079460958'], ['1 555 123 4567']]);
    const r = apply(t, 'format_phone', { column: 'p', format: '+1 XXX-XXX-XXXX', country_code: '44' });
    expect(values(r.table, 'p')).toEqual(['+44 207-946-0958', '1 555 123 4567']);
    expect(r.steps[0].metadata).toEqual({ phones_formatted: 1, phones_failed: 1 });
  });

  it('works on numeric columns, which become string', () => {
    const r = apply(table({ p: 'integer', f: 'float' }, [[5551234567, 15551234567], [42, null]]), 'format_phone', { column: 'p' });
    expect(values(r.table, 'p')).toEqual(['(555) 123-4567', '42']);
    expect(r.table.schema[0]).toEqual({ name: 'p', type: 'string' });
    const f = apply(table({ f: 'float' }, [[15551234567]]), 'format_phone', { column: 'f', format: 'XXX-XXX-XXXX' });
    expect(values(f.table, 'f')).toEqual(['555-123-4567']);
  });

  it('validates parameters', () => {
    const err = (p: Record<string, unknown>) => runStep(phones, 'format_phone', p).errors.map((e) => [e.code, e.param]);
    expect(err({ column: 'phone', format: 'XXX XXX XXXX' })).toEqual([['INVALID_PARAM', 'format']]);
    expect(err({ column: 'phone', country_code: '1234' })).toEqual([['INVALID_PARAM', 'country_code']]);
    expect(err({ column: 'phone', country_code: 1 })).toEqual([['INVALID_PARAM', 'country_code']]);
    expect(err({ column: 'phone', country_code: '+1' })).toEqual([['INVALID_PARAM', 'country_code']]);
    expect(err({})).toEqual([['INVALID_PARAM', 'column']]);
    expect(err({ column: 'Phone' })).toEqual([['COLUMN_NOT_FOUND', 'column']]);
  });
});
