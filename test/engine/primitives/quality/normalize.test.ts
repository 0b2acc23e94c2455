import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { apply, runStep, table, values } from '../helpers.js';
import { sqlLower, sqlTrim } from '../../../../src/engine/plan/render-helpers.js';

const answers = () => table({ id: 'integer', opt: 'string', flag: 'float' }, [[1, 'Yes', 1], [2, ' n ', 0], [3, null, null], [4, 'maybe', 2], [5, 'ON', 1], [6, '1.0', 0]]);

describe('normalize_boolean', () => {
  it('maps the default words to booleans in place; unknown → null, nulls kept', () => {
    const result = apply(answers(), 'normalize_boolean', { column: 'opt' });
    expect(values(result.table, 'opt')).toEqual([true, false, null, null, true, true]);
    expect(result.table.schema.map((c) => c.name)).toEqual(['id', 'opt', 'flag']);
    expect(result.table.schema[1]).toEqual({ name: 'opt', type: 'boolean' });
    expect(result.steps[0].metadata).toEqual({ true_count: 3, false_count: 1, null_count: 2, unknown_count: 1, unknown_values: ['maybe'] });
    expect(result.steps[0].params).toEqual({ column: 'opt', true_values: null, false_values: null, output_format: 'boolean', null_handling: 'keep' });
  });

  it('reads numbers by their text form and writes integers or text; null_handling fills nulls', () => {
    const ints = apply(answers(), 'normalize_boolean', { column: 'flag', output_format: 'integer', null_handling: 'false' });
    expect(values(ints.table, 'flag')).toEqual([1, 0, 0, null, 1, 0]);
    expect(ints.table.schema[2].type).toBe('integer');
    expect(ints.steps[0].metadata).toMatchObject({ true_count: 2, false_count: 3, null_count: 1, unknown_values: ['2'] });
    const texts = apply(answers(), 'normalize_boolean', { column: 'opt', output_format: 'string', null_handling: 'true' });
    expect(values(texts.table, 'opt')).toEqual(['true', 'false', 'true', null, 'true', 'true']);
  });

  it('replaces only the supplied side of the defaults', () => {
    const result = apply(answers(), 'normalize_boolean', { column: 'opt', true_values: ['MAYBE', 'yes'] });
    expect(values(result.table, 'opt')).toEqual([true, false, null, true, null, null]);
    expect(result.steps[0].metadata).toMatchObject({ unknown_values: ['ON', '1.0'] });
  });

  it('validates parameters and renders as an md call', () => {
    expect(runStep(answers(), 'normalize_boolean', { column: 'opt', output_format: 'yn' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'output_format' });
    expect(runStep(answers(), 'normalize_boolean', { column: 'opt', true_values: 'yes' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'true_values' });
    expect(runStep(answers(), 'normalize_boolean', {}).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'column' });
    expect(runStep(answers(), 'normalize_boolean', { column: 'Opt' }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', suggestion: 'opt' });
    const p = { column: 'opt', true_values: null, false_values: null, output_format: 'boolean', null_handling: 'keep' };
    expect(getPrimitive('normalize_boolean')!.render(p, answers().schema)).toEqual({ js: `dt = md.normalize_boolean(dt, ${JSON.stringify(p)});`, sql: null });
  });
});

const states = () => table({ state: 'string', code: 'integer' }, [[' ny', 1], ['N.Y.', 2], ['New York', 3], ['calif.', 9], [null, null], ['Texas', 2]]);
const mapping = { 'New York': ['NY', 'n.y.'], California: ['CA', 'Calif.'] };

describe('normalize_enum_values', () => {
  it('maps trimmed, folded variants and the canonical itself; keeps unmapped values', () => {
    const result = apply(states(), 'normalize_enum_values', { column: 'state', mapping });
    expect(values(result.table, 'state')).toEqual(['New York', 'New York', 'New York', 'California', null, 'Texas']);
    expect(result.steps[0].metadata).toEqual({ mapped_count: 4, unmapped_count: 1, unmapped_values: ['Texas'], canonical_values: ['New York', 'California'] });
    expect(result.steps[0].params).toEqual({ column: 'state', mapping, case_sensitive: false, unmapped_handling: 'keep' });
  });

  it('nulls unmapped values or fails naming the first ones', () => {
    expect(values(apply(states(), 'normalize_enum_values', { column: 'state', mapping, unmapped_handling: 'null', case_sensitive: true }).table, 'state')).toEqual([
      null,
      null,
      'New York',
      null,
      null,
      null,
    ]);
    const failed = runStep(states(), 'normalize_enum_values', { column: 'state', mapping: { 'New York': ['ny'] }, unmapped_handling: 'error' });
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatchObject({ code: 'STEP_FAILED', message: 'Step 1 (normalize_enum_values): Unmapped value: "N.Y." (unmapped values: "N.Y.", "calif.", "Texas")' });
    expect(values(failed.table, 'state')).toEqual(values(states(), 'state'));
  });

  it('widens a non-text column when a canonical value is text', () => {
    const numeric = apply(states(), 'normalize_enum_values', { column: 'code', mapping: { '1': [2], '9': [] } });
    expect(numeric.table.schema[1]).toEqual({ name: 'code', type: 'integer' });
    expect(values(numeric.table, 'code')).toEqual([1, 1, 3, 9, null, 1]);
    const widened = apply(states(), 'normalize_enum_values', { column: 'code', mapping: { low: [1, 2] } });
    expect(widened.table.schema[1]).toEqual({ name: 'code', type: 'string' });
    expect(values(widened.table, 'code')).toEqual(['low', 'low', '3', '9', null, 'low']);
    expect(widened.steps[0].warnings).toEqual([{ code: 'TYPE_WIDENED', column: 'code', message: 'Column "code" changed type from integer to string to hold the new values.' }]);
  });

  it('rejects a variant under two canonicals, empty mappings and unknown handling', () => {
    expect(runStep(states(), 'normalize_enum_values', { column: 'state', mapping: { a: ['x'], b: ['X'] } }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mapping' });
    expect(apply(states(), 'normalize_enum_values', { column: 'state', mapping: { a: ['x'], b: ['X'] }, case_sensitive: true }).ok).toBe(true);
    expect(runStep(states(), 'normalize_enum_values', { column: 'state', mapping: {} }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'mapping' });
    expect(runStep(states(), 'normalize_enum_values', { column: 'state', mapping, unmapped_handling: 'drop' }).errors[0]).toMatchObject({ code: 'INVALID_PARAM', param: 'unmapped_handling' });
    expect(runStep(states(), 'normalize_enum_values', { column: 'st', mapping }).errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });

  it('renders SQL for text columns with keep or null handling', () => {
    const p = getPrimitive('normalize_enum_values')!;
    const schema = states().schema;
    const rendered = p.render({ column: 'state', mapping, case_sensitive: false, unmapped_handling: 'null' }, schema);
    const key = sqlLower(sqlTrim('"state"'), ['new york', 'ny', 'n.y.', 'california', 'ca', 'calif.']);
    expect(rendered.sql).toBe(
      `SELECT CASE WHEN ${key} COLLATE "C" IN ('new york', 'ny', 'n.y.') THEN 'New York' WHEN ${key} COLLATE "C" IN ('california', 'ca', 'calif.') THEN 'California' ELSE NULL END AS "state", "code", "_row" FROM {input} ORDER BY "_row"`,
    );
    expect(p.render({ column: 'state', mapping, case_sensitive: false, unmapped_handling: 'error' }, schema).sql).toBeNull();
    expect(p.render({ column: 'code', mapping, case_sensitive: false, unmapped_handling: 'keep' }, schema).sql).toBeNull();
  });
});
