import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, rows, runStep, table, values } from '../helpers.js';

const contacts = () =>
  table({ email: 'string', zip: 'integer', code: 'string' }, [
    ['ann@x.io', 12345, 'AB-1'],
    ['bob@', 1234, 'AB-12x'],
    [null, null, 'ab-3'],
    ['bob@', 98765, 'CD-4'],
  ]);

describe('validate_pattern', () => {
  it('validates with a built-in pattern; nulls are invalid; the table is unchanged by default', () => {
    const result = apply(contacts(), 'validate_pattern', { column: 'email', pattern_type: 'email' });
    expect(result.steps[0].metadata).toEqual({
      valid_count: 1,
      invalid_count: 3,
      valid_rate: 0.25,
      pattern_used: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
      invalid_samples: ['bob@'],
    });
    expect(rows(result.table)).toEqual(rows(contacts()));
    expect(result.steps[0].params).toEqual({ column: 'email', pattern: null, pattern_type: 'email', add_valid_flag: false, new_column: null });
  });

  it('validates integer zip codes by their text form', () => {
    expect(apply(contacts(), 'validate_pattern', { column: 'zip', pattern_type: 'zipcode' }).steps[0].metadata).toMatchObject({
      valid_count: 2,
      invalid_samples: ['1234'],
    });
  });

  it('needs a full, case-sensitive match of a custom pattern, which wins over pattern_type', () => {
    const result = apply(contacts(), 'validate_pattern', { column: 'code', pattern: '[A-Z]{2}-\\d+', pattern_type: 'email', add_valid_flag: true });
    expect(values(result.table, 'code_valid')).toEqual([true, false, false, true]);
    expect(result.table.schema[3]).toEqual({ name: 'code_valid', type: 'boolean' });
    expect(result.steps[0].metadata).toMatchObject({ pattern_used: '[A-Z]{2}-\\d+', invalid_samples: ['AB-12x', 'ab-3'] });
    const named = apply(contacts(), 'validate_pattern', { column: 'code', pattern: '[A-Z]{2}-\\d+', add_valid_flag: true, new_column: 'ok' }).table;
    expect(named.schema.map((c) => c.name)).toEqual(['email', 'zip', 'code', 'ok']);
  });

  it('covers the other built-ins', () => {
    const t = table({ v: 'string' }, [['(212) 555-1234'], ['https://a.io/x'], ['2024-01-15'], ['123-45-6789']]);
    const valid = (pattern_type: string) => apply(t, 'validate_pattern', { column: 'v', pattern_type }).steps[0].metadata.valid_count;
    expect([valid('phone'), valid('url'), valid('date'), valid('ssn')]).toEqual([3, 1, 2, 1]); // an SSN also has the loose date shape
  });

  it('rejects missing patterns, bad regexes, unknown types and colliding flag names', () => {
    const neither = runStep(contacts(), 'validate_pattern', { column: 'email' });
    expect(neither.errors[0]).toMatchObject({ code: 'INVALID_PARAM', message: "Step 1 (validate_pattern): Must specify either 'pattern' or 'pattern_type'" });
    expect(runStep(contacts(), 'validate_pattern', { column: 'email', pattern: '(' }).errors[0]).toMatchObject({ code: 'INVALID_REGEX', param: 'pattern' });
    expect(runStep(contacts(), 'validate_pattern', { column: 'email', pattern_type: 'iban' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'pattern_type' });
    expect(runStep(contacts(), 'validate_pattern', { pattern_type: 'email' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(contacts(), 'validate_pattern', { column: 'mail', pattern_type: 'email' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'email' });
    expect(runStep(contacts(), 'validate_pattern', { column: 'email', pattern_type: 'email', add_valid_flag: true, new_column: 'zip' }).errors[0]).toMatchObject({
      code: 'COLUMN_EXISTS',
      param: 'new_column',
    });
  });

  it('renders report-only without the flag, as a reassignment with it', () => {
    const p = getPrimitive('validate_pattern')!;
    const base = { column: 'email', pattern: null, pattern_type: 'email', add_valid_flag: false, new_column: null };
    expect(p.render(base, contacts().schema).js).toBe(`md.validate_pattern(dt, ${JSON.stringify(base)});`);
    expect(p.render({ ...base, add_valid_flag: true }, contacts().schema)).toEqual({ js: `dt = md.validate_pattern(dt, ${JSON.stringify({ ...base, add_valid_flag: true })});`, sql: null });
  });
});
