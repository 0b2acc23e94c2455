import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/engine/index.js';
import { validatePlan, type AttachedTable } from '../../../src/engine/plan/index.js';
import { schemaFromProfile } from '../../../src/planner/profile-schema.js';
import { TABLE_CASES } from './cases/tables.js';
import { plan, profileOf } from './helpers.js';

const ATTACHED: Record<string, string> = {
  customers: 'email,segment\nann@example.com,gold\ndee@example.com,silver\n',
  regions: 'name,manager\nNorth,Kim\nSouth,Lou\n',
  q2_sales: 'order_id,customer,price,quantity\n2001,Gus Hu,15,1\n',
};

const tables: AttachedTable[] = Object.entries(ATTACHED).map(([name, csv], i) => ({
  id: `table-${i}`,
  name,
  hash: `hash-${i}`,
  table: readCsv(new TextEncoder().encode(csv)).table,
}));

describe('offline planner: attached tables', () => {
  it.each(TABLE_CASES)('$say (on $on)', async (c) => {
    const result = await plan(c.say, c.on, Object.keys(ATTACHED));
    expect(result.clarification, result.clarification?.question).toBeNull();
    expect(result.steps.map((s) => ({ op: s.op, params: s.params }))).toEqual(c.steps);
    // The chat command validates with the attached tables at hand; so does this test.
    const validation = validatePlan(result.steps.map((s) => ({ op: s.op, params: s.params })), schemaFromProfile(profileOf(c.on)), { tables });
    expect(validation.errors).toEqual([]);
  });

  it('a table that is not attached is named in the question', async () => {
    const result = await plan('join with vendors on email', 'shop', Object.keys(ATTACHED));
    expect(result.steps).toEqual([]);
    expect(result.clarification).toEqual({ reason: 'unsupported', question: "There is no attached table called 'vendors'. Attached tables: customers, regions, q2_sales.", options: ['customers', 'regions', 'q2_sales'] });
  });
});
