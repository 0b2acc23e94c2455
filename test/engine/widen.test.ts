import { describe, expect, it } from 'vitest';
import {
  castColumn,
  convertValue,
  typeOfValues,
  typeToHold,
  typeWidenedWarning,
  unifyColumns,
  unifyTypes,
  valueType,
  writeValues,
} from '../../src/engine/values/index.js';

const day = (s: string) => new Date(`${s}Z`);

describe('widening (§2.4)', () => {
  it('converts exactly to the column type', () => {
    expect(convertValue(' 42 ', 'integer')).toBe(42);
    expect(convertValue('1e3', 'integer')).toBe(1000);
    expect(convertValue('1.5', 'integer')).toBeUndefined();
    expect(convertValue(1.5, 'integer')).toBeUndefined();
    expect(convertValue('1,000', 'integer')).toBeUndefined();
    expect(convertValue(true, 'integer')).toBeUndefined();
    expect(convertValue('.5', 'float')).toBe(0.5);
    expect(convertValue(3, 'float')).toBe(3);
    expect(convertValue('TRUE', 'boolean')).toBe(true);
    expect(convertValue('False', 'boolean')).toBe(false);
    expect(convertValue('yes', 'boolean')).toBeUndefined();
    expect(convertValue(1, 'boolean')).toBeUndefined();
    expect(convertValue('2024-02-29', 'datetime')).toEqual(day('2024-02-29T00:00:00'));
    expect(convertValue('2024-03-01 13:45:10', 'datetime')).toEqual(day('2024-03-01T13:45:10'));
    expect(convertValue('2023-02-29', 'datetime')).toBeUndefined();
    expect(convertValue('01/02/2024', 'datetime')).toBeUndefined();
    expect(convertValue(5, 'string')).toBe('5');
    expect(convertValue(1.5, 'string')).toBe('1.5');
    expect(convertValue(false, 'string')).toBe('false');
    expect(convertValue(day('2024-01-02T00:00:00'), 'string')).toBe('2024-01-02');
    expect(convertValue(null, 'integer')).toBeNull();
  });

  it('unifies types', () => {
    expect(unifyTypes('integer', 'integer')).toBe('integer');
    expect(unifyTypes('integer', 'float')).toBe('float');
    expect(unifyTypes('float', 'integer')).toBe('float');
    expect(unifyTypes(null, 'boolean')).toBe('boolean');
    expect(unifyTypes('datetime', null)).toBe('datetime');
    expect(unifyTypes('boolean', 'integer')).toBe('string');
    expect(unifyTypes('datetime', 'string')).toBe('string');
    expect(valueType(2)).toBe('integer');
    expect(valueType(2.5)).toBe('float');
    expect(valueType(2 ** 53)).toBe('float');
    expect(typeOfValues([1, null, 2])).toBe('integer');
    expect(typeOfValues([1, 2.5])).toBe('float');
    expect(typeOfValues([1, 'a'])).toBe('string');
    expect(typeOfValues([null])).toBeNull();
  });

  it('finds the type that holds a value', () => {
    expect(typeToHold('integer', '7')).toBe('integer');
    expect(typeToHold('integer', 1.5)).toBe('float');
    expect(typeToHold('integer', '1.5')).toBe('float');
    expect(typeToHold('integer', 'n/a')).toBe('string');
    expect(typeToHold('boolean', 'true')).toBe('boolean');
    expect(typeToHold('boolean', 1)).toBe('string');
    expect(typeToHold('string', 5)).toBe('string');
    expect(typeToHold('datetime', '2024-01-01')).toBe('datetime');
    expect(typeToHold(null, 2.5)).toBe('float');
    expect(typeToHold('float', null)).toBe('float');
  });

  it('writes values into a column, widening and warning', () => {
    const same = writeValues({ name: 'n', type: 'integer' }, [1, null], ['5']);
    expect(same).toEqual({ type: 'integer', existing: [1, null], values: [5], warning: null });

    const toFloat = writeValues({ name: 'n', type: 'integer' }, [1, null], [2.5]);
    expect(toFloat).toEqual({ type: 'float', existing: [1, null], values: [2.5], warning: null });

    const toText = writeValues({ name: 'n', type: 'integer' }, [1, null, 30], ['unknown']);
    expect(toText.type).toBe('string');
    expect(toText.existing).toEqual(['1', null, '30']);
    expect(toText.values).toEqual(['unknown']);
    expect(toText.warning).toEqual({ code: 'TYPE_WIDENED', column: 'n', message: 'Column "n" changed type from integer to string to hold the new values.' });

    const dates = writeValues({ name: 'd', type: 'datetime' }, [day('2024-01-02T00:00:00'), day('2024-01-03T10:00:00')], [true]);
    expect(dates.existing).toEqual(['2024-01-02 00:00:00', '2024-01-03 10:00:00']);
    expect(dates.values).toEqual(['true']);
    expect(dates.warning?.message).toBe('Column "d" changed type from datetime to string to hold the new values.');

    const floatToText = writeValues({ name: 'f', type: 'float' }, [1.5], [false]);
    expect(floatToText).toMatchObject({ type: 'string', existing: ['1.5'], values: ['false'] });
    expect(writeValues({ name: 'b', type: 'boolean' }, [true], ['FALSE', null]).values).toEqual([false, null]);
  });

  it('casts and unifies whole columns with their own datetime form', () => {
    expect(castColumn([1, 2], 'integer', 'float')).toEqual([1, 2]);
    expect(castColumn([day('2024-01-02T00:00:00'), null], 'datetime', 'string')).toEqual(['2024-01-02', null]);
    expect(castColumn([null, null], null, 'integer')).toEqual([null, null]);
    const u = unifyColumns([
      { type: 'integer', values: [1, null] },
      { type: 'float', values: [2.5] },
    ]);
    expect(u).toEqual({ type: 'float', columns: [[1, null], [2.5]] });
    const s = unifyColumns([
      { type: 'integer', values: [1] },
      { type: 'boolean', values: [true] },
      { type: null, values: [null] },
    ]);
    expect(s).toEqual({ type: 'string', columns: [['1'], ['true'], [null]] });
    expect(unifyColumns([{ type: null, values: [null] }]).type).toBe('string');
    expect(typeWidenedWarning('x', 'integer', 'float')).toBeNull();
    expect(typeWidenedWarning('x', 'boolean', 'string')?.code).toBe('TYPE_WIDENED');
  });
});
