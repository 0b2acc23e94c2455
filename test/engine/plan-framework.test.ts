import { describe, expect, it } from 'vitest';
import { runPlan, validatePlan } from '../../src/engine/plan/index.js';
import { rows, table } from './primitives/helpers.js';

const orders = () => table({ id: 'integer', region_code: 'string' }, [[1, 'NO'], [2, 'DE'], [3, 'XX']]);
const regions = { id: 'b1c7c7e2-6c1e-4c52-9f0e-3c4d5e6f7a8b', name: 'regions', hash: 'sha256:x', table: table({ code: 'string', region: 'string' }, [['NO', 'Nordics'], ['DE', 'DACH']]) };

describe('plan framework', () => {
  it('records an attached table by id when a step names it', () => {
    const v = validatePlan([{ op: 'join_tables', params: { right_table: 'regions', left_on: 'region_code', right_on: 'code' } }], orders().schema, { tables: [regions] });
    expect(v.errors).toEqual([]);
    expect(v.steps[0].params.right_table).toBe(regions.id);
    const result = runPlan(orders(), [{ op: 'join_tables', params: { right_table: 'regions', left_on: 'region_code', right_on: 'code' } }], { tables: [regions] });
    expect(result.ok).toBe(true);
    expect(result.steps[0].params.right_table).toBe(regions.id);
    expect(rows(result.table).map((r) => r.at(-1))).toEqual(['Nordics', 'DACH', null]);
  });

  it('lists the attached table\'s own columns for a missing column of that table', () => {
    const v = validatePlan([{ op: 'join_tables', params: { right_table: regions.id, left_on: 'region_code', right_on: 'cod' } }], orders().schema, { tables: [regions] });
    expect(v.errors[0]).toMatchObject({ code: 'COLUMN_NOT_FOUND', columns: ['code', 'region'], suggestion: 'code' });
  });

  it('reports TABLE_NOT_FOUND with the attached tables\' names', () => {
    const v = validatePlan([{ op: 'join_tables', params: { right_table: 'customers', left_on: 'region_code', right_on: 'code' } }], orders().schema, { tables: [regions] });
    expect(v.errors[0]).toMatchObject({ code: 'TABLE_NOT_FOUND', tables: ['regions'] });
    expect(v.errors[0].message).toBe('Step 1 (join_tables) right_table: no attached table "customers". Attached tables: "regions".');
  });

  it('stops at the first failing step and returns the input unchanged with the records of the steps that ran', () => {
    const result = runPlan(orders(), [
      { op: 'sort_rows', params: { columns: ['id'], ascending: false } },
      { op: 'change_column_type', params: { column: 'region_code', to_type: 'integer', errors: 'raise' } },
      { op: 'sort_rows', params: { columns: ['id'] } },
    ]);
    expect(result.ok).toBe(false);
    expect(rows(result.table)).toEqual(rows(orders()));
    expect(result.steps.map((s) => [s.op, s.ok])).toEqual([['sort_rows', true], ['change_column_type', false]]);
    expect(result.steps[1]).toMatchObject({ rows_after: null, cols_after: null });
    expect(result.error).toMatchObject({ code: 'STEP_FAILED', step_index: 1, op: 'change_column_type' });
    expect(result.error!.message).toMatch(/^Step 2 \(change_column_type\): /);
  });
});

describe('row keys', () => {
  it('never confuse two different rows, whatever the text holds', async () => {
    const { keyOfRow } = await import('../../src/engine/values/order.js');
    expect(keyOfRow(['x\u0001sy', 'z'])).not.toBe(keyOfRow(['x', 'y\u0001sz']));
    expect(keyOfRow(['1:a', 'b'])).not.toBe(keyOfRow(['1', 'a:b']));
    expect(keyOfRow([1, 'a'])).toBe(keyOfRow([1.0, 'a']));
    expect(keyOfRow([null, 'a'])).toBe(keyOfRow([null, 'a']));
  });
});
