import { describe, expect, it } from 'vitest';
import {
  compileDateFormat,
  dateFormatError,
  formatDate,
  isoWeek,
  matchDate,
  parseDateColumn,
  parseDateText,
  utcDate,
  dayOfYear,
} from '../../src/engine/values/index.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const p = (text: string, dayFirst: boolean | null = null) => iso(parseDateText(text, dayFirst));

describe('priority list (§2.10)', () => {
  it.each([
    ['2024-01-15', '2024-01-15T00:00:00.000Z'],
    ['2024-01-15 10:30', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:45', '2024-01-15T10:30:45.000Z'],
    ['2024-01-15T10:30:45.123456789', '2024-01-15T10:30:45.123Z'],
    ['2024-01-15T10:30:45.5', '2024-01-15T10:30:45.500Z'],
    ['2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
    ['2024-01-15T10:30:00+02:00', '2024-01-15T08:30:00.000Z'],
    ['2024-01-15T01:30:00+0530', '2024-01-14T20:00:00.000Z'],
    ['2024-12-31T23:00:00-02:00', '2025-01-01T01:00:00.000Z'],
    ['2024/01/18', '2024-01-18T00:00:00.000Z'],
    ['2024.01.18 07:05:09', '2024-01-18T07:05:09.000Z'],
    ['01/15/2024', '2024-01-15T00:00:00.000Z'],
    ['1-5-2024', '2024-01-05T00:00:00.000Z'],
    ['01.15.24', '2024-01-15T00:00:00.000Z'],
    ['01/15/2024 3:30 PM', '2024-01-15T15:30:00.000Z'],
    ['01/15/2024 12:00 AM', '2024-01-15T00:00:00.000Z'],
    ['01/15/2024 12:10:05pm', '2024-01-15T12:10:05.000Z'],
    ['01/15/2024 23:59:59', '2024-01-15T23:59:59.000Z'],
    ['Jan 17 2024', '2024-01-17T00:00:00.000Z'],
    ['January 23, 2024', '2024-01-23T00:00:00.000Z'],
    ['Monday, January 22, 2024', '2024-01-22T00:00:00.000Z'],
    ['Sat 20 Jan 2024', '2024-01-20T00:00:00.000Z'],
    ['15 Jan 2024', '2024-01-15T00:00:00.000Z'],
    ['15-Jan-24', '2024-01-15T00:00:00.000Z'],
    ['15-jan-1999', '1999-01-15T00:00:00.000Z'],
    ['Sept 3, 2024', '2024-09-03T00:00:00.000Z'],
    ['sep. 3 2024', '2024-09-03T00:00:00.000Z'],
    ['JANUARY 20th, 2024', '2024-01-20T00:00:00.000Z'],
    ['1st March 2024', '2024-03-01T00:00:00.000Z'],
    ['January 24, 2024 3:30 PM', '2024-01-24T15:30:00.000Z'],
    ['  2024-01-15  ', '2024-01-15T00:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(p(text)).toBe(expected);
  });

  it.each([
    'not a date', '2024-13-01', '2024-02-30', '2023-02-29', '2024-01-15 24:00', '2024-01-15 10:60',
    '2024-01-15T10:30:61', '01/15/2024 13:00 PM', '01/15/2024 0:30 AM', 'Janu 5 2024', '32 Jan 2024',
    'Jan. 5th', '12345', '2024-01-15T10:30+25:00', 'January. 5 2024', '', '2024/01/15Z',
  ])('%s is unparseable', (text) => {
    expect(p(text)).toBeNull();
  });

  it('accepts 29 February in leap years only', () => {
    expect(p('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(p('2000-02-29')).toBe('2000-02-29T00:00:00.000Z');
    expect(p('1900-02-29')).toBeNull();
    expect(p('29/02/2023')).toBeNull();
  });

  it('reads two-digit years 00–68 as 2000s and 69–99 as 1900s', () => {
    expect(p('1/2/68')).toBe('2068-01-02T00:00:00.000Z');
    expect(p('1/2/69')).toBe('1969-01-02T00:00:00.000Z');
    expect(p('1/2/00')).toBe('2000-01-02T00:00:00.000Z');
    expect(p('5-Mar-99')).toBe('1999-03-05T00:00:00.000Z');
  });

  it('reads a single numeric text month-first unless unambiguous or forced', () => {
    expect(p('02/03/2024')).toBe('2024-02-03T00:00:00.000Z');
    expect(p('24/01/2024')).toBe('2024-01-24T00:00:00.000Z');
    expect(p('02/03/2024', true)).toBe('2024-03-02T00:00:00.000Z');
    expect(p('24/01/2024', false)).toBeNull();
  });

  it('describes the text as a strftime format', () => {
    expect(matchDate('2024-01-15T10:30:00.5Z')?.format).toBe('%Y-%m-%dT%H:%M:%S.%fZ');
    expect(matchDate('2024-01-15 10:30+01:00')?.format).toBe('%Y-%m-%d %H:%M%z');
    expect(matchDate('Jan. 17 2024')?.format).toBe('%b. %d %Y');
    expect(matchDate('01/15/2024')?.numeric).toMatchObject({ a: 1, b: 15, year: 2024 });
  });
});

describe('parseDateColumn', () => {
  it('decides day-first once per column from the evidence', () => {
    const r = parseDateColumn('d', ['02/03/2024', '24/01/2024', null, '2024-05-06'], 'string');
    expect(r.dayFirst).toBe(true);
    expect(r.dates.map(iso)).toEqual(['2024-03-02T00:00:00.000Z', '2024-01-24T00:00:00.000Z', null, '2024-05-06T00:00:00.000Z']);
    expect(r).toMatchObject({ parsed: 3, unparsed: 0, warning: null });
  });

  it('stays month-first on contradicting evidence and nulls what is invalid in that order', () => {
    const r = parseDateColumn('d', ['01/15/2024', '24/01/2024', '02/03/2024'], 'string');
    expect(r.dayFirst).toBe(false);
    expect(r.dates.map(iso)).toEqual(['2024-01-15T00:00:00.000Z', null, '2024-02-03T00:00:00.000Z']);
    expect(r.warning).toEqual({
      code: 'DATES_UNPARSED',
      message: '1 value in "d" could not be read as dates and became null',
      column: 'd',
      count: 1,
      samples: ['24/01/2024'],
    });
  });

  it('is month-first when nothing decides', () => {
    expect(parseDateColumn('d', ['02/03/2024', '05/06/2024'], 'string').dayFirst).toBe(false);
    expect(parseDateColumn('d', ['2024-01-01', null], 'string').dayFirst).toBe(false);
  });

  it('follows day_first when given', () => {
    const r = parseDateColumn('d', ['02/03/2024', '01/15/2024'], 'string', { dayFirst: true });
    expect(r.dayFirst).toBe(true);
    expect(r.dates.map(iso)).toEqual(['2024-03-02T00:00:00.000Z', null]);
    expect(r.unparsed).toBe(1);
  });

  it('warns with the count and at most 5 distinct original texts in row order', () => {
    const cells = [' x ', 'y', ' x ', 'z', 'w', 'v', 'u', '2024-01-01', null];
    const r = parseDateColumn('when', cells, 'string');
    expect(r.warning).toMatchObject({ count: 7, samples: [' x ', 'y', 'z', 'w', 'v'] });
    expect(r.parsed).toBe(1);
  });

  it('uses datetime cells as they are and treats numbers and booleans as unparseable', () => {
    const d = utcDate(2024, 1, 2, 3, 4, 5);
    expect(parseDateColumn('d', [d, null], 'datetime')).toMatchObject({ dates: [d, null], dayFirst: false, parsed: 1, unparsed: 0 });
    const nums = parseDateColumn('n', [20240101, 1.5, null], 'float');
    expect(nums.dates).toEqual([null, null, null]);
    expect(nums.warning).toMatchObject({ count: 2, samples: ['20240101', '1.5'] });
    expect(parseDateColumn('b', [true], 'boolean').warning).toMatchObject({ count: 1, samples: ['true'] });
  });

  it('parses strictly by an explicit format', () => {
    const r = parseDateColumn('d', ['15.01.2024', '2024-01-15', ' 3.2.2024 '], 'string', { format: '%d.%m.%Y' });
    expect(r.dates.map(iso)).toEqual(['2024-01-15T00:00:00.000Z', null, '2024-02-03T00:00:00.000Z']);
    expect(r.dayFirst).toBeNull();
    expect(r.warning?.samples).toEqual(['2024-01-15']);
  });
});

describe('explicit formats', () => {
  const at = (fmt: string, text: string) => iso(compileDateFormat(fmt)(text));
  it('reads every token', () => {
    expect(at('%Y-%m-%d %H:%M:%S.%f', '2024-01-15 10:30:45.123456')).toBe('2024-01-15T10:30:45.123Z');
    expect(at('%d %B %Y', '5 MARCH 2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(at('%a, %d %b %y', 'tue, 05 mar 24')).toBe('2024-03-05T00:00:00.000Z');
    expect(at('%A %e/%-m/%Y', 'Friday  5/3/2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(at('%I:%M %p %m/%d/%Y', '12:15 am 01/02/2024')).toBe('2024-01-02T00:15:00.000Z');
    expect(at('%I:%M %p %m/%d/%Y', '12:15 PM 01/02/2024')).toBe('2024-01-02T12:15:00.000Z');
    expect(at('%Y%m%d', '20240115')).toBe('2024-01-15T00:00:00.000Z');
    expect(at('%Y-%j', '2024-060')).toBe('2024-02-29T00:00:00.000Z');
    expect(at('%F %T', '2024-01-15 01:02:03')).toBe('2024-01-15T01:02:03.000Z');
    expect(at('100%% %Y', '100% 2024')).toBe('2024-01-01T00:00:00.000Z');
    expect(at('%H:%M', '10:30')).toBe('1900-01-01T10:30:00.000Z');
  });

  it('rejects texts that do not match wholly or have invalid fields', () => {
    expect(at('%d/%m/%Y', '15/01/2024 10:00')).toBeNull();
    expect(at('%d/%m/%Y', '31/02/2024')).toBeNull();
    expect(at('%H:%M', '24:00')).toBeNull();
    expect(at('%I %p', '13 PM')).toBeNull();
    expect(at('%Y-%j', '2023-366')).toBeNull();
    expect(at('%b %Y', 'Sept 2024')).toBeNull();
    expect(at('%Y.%m', '2024x01')).toBeNull();
  });
});

describe('formatting', () => {
  const d = utcDate(2024, 3, 5, 14, 7, 9, 45);
  it.each([
    ['%Y-%m-%d', '2024-03-05'],
    ['%y|%-m|%-d|%e', '24|3|5| 5'],
    ['%B %b %A %a', 'March Mar Tuesday Tue'],
    ['%H %I %p %M %S %f', '14 02 PM 07 09 045000'],
    ['%-H %-I %-M %-S', '14 2 7 9'],
    ['%j', '065'],
    ['%F %T', '2024-03-05 14:07:09'],
    ['100%% on %d.%m.', '100% on 05.03.'],
    ['plain text', 'plain text'],
  ])('%s → %s', (fmt, expected) => {
    expect(formatDate(d, fmt)).toBe(expected);
  });

  it('prints midnight and noon on the 12-hour clock', () => {
    expect(formatDate(utcDate(2024, 1, 1, 0, 5), '%I:%M %p')).toBe('12:05 AM');
    expect(formatDate(utcDate(2024, 1, 1, 12, 5), '%-I:%M %p')).toBe('12:05 PM');
  });

  it('pads years to 4 digits', () => {
    expect(formatDate(utcDate(12, 1, 1), '%Y %y')).toBe('0012 12');
  });

  it('validates tokens', () => {
    expect(dateFormatError('%Y-%m-%d')).toBeNull();
    expect(dateFormatError('%-d.%-m.%Y %%')).toBeNull();
    expect(dateFormatError('%Q')).toBe(
      'unknown date format token "%Q". Allowed: %Y %y %m %d %e %B %b %A %a %H %I %p %M %S %f %j %F %T %% and %-m %-d %-H %-I %-M %-S',
    );
    expect(dateFormatError('%-Y')).toMatch(/^unknown date format token "%-Y"/);
    expect(dateFormatError('50%')).toMatch(/^unknown date format token "%"/);
    expect(dateFormatError('%z')).toMatch(/"%z"/);
    expect(dateFormatError('')).toBe('must be a non-empty date format');
  });
});

describe('calendar helpers', () => {
  it('computes ISO weeks and days of year', () => {
    expect(isoWeek(utcDate(2024, 1, 1))).toBe(1);
    expect(isoWeek(utcDate(2021, 1, 3))).toBe(53);
    expect(isoWeek(utcDate(2024, 12, 30))).toBe(1);
    expect(isoWeek(utcDate(2020, 12, 31))).toBe(53);
    expect(dayOfYear(utcDate(2024, 12, 31, 23))).toBe(366);
    expect(utcDate(5, 6, 7).toISOString()).toBe('0005-06-07T00:00:00.000Z');
  });
});
