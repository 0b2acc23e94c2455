import { describe, expect, it } from 'vitest';
import { COLUMN_CASES } from './cases/columns.js';
import { GROUP_QUALITY_CASES } from './cases/groups-quality.js';
import { MULTI_CASES } from './cases/multi-request.js';
import { NUMBER_DATE_CASES } from './cases/numbers-dates.js';
import { ROW_CASES } from './cases/rows.js';
import { TABLE_CASES } from './cases/tables.js';
import { TEXT_CASES } from './cases/text.js';
import { listPrimitives } from '../../../src/engine/plan/index.js';

const ALL = [...ROW_CASES, ...COLUMN_CASES, ...TEXT_CASES, ...NUMBER_DATE_CASES, ...GROUP_QUALITY_CASES, ...MULTI_CASES, ...TABLE_CASES];

/**
 * The bar of issue 4: at least 150 distinct phrasings across at least 40 ops, each asserting its exact steps
 * (the table-driven tests in this folder run every case below).
 */
describe('offline planner: phrasing coverage', () => {
  const phrasings = new Set(ALL.map((c) => c.say.trim().toLowerCase()));
  const ops = new Set(ALL.flatMap((c) => c.steps.map((s) => s.op)));

  it(`covers ${phrasings.size} distinct phrasings across ${ops.size} ops`, () => {
    expect(phrasings.size).toBeGreaterThanOrEqual(150);
    expect(ops.size).toBeGreaterThanOrEqual(40);
  });

  it('no phrasing is listed twice on the same table', () => {
    const keys = ALL.map((c) => `${c.on}|${c.say.trim().toLowerCase()}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('every op named in a case is a catalogue primitive', () => {
    const catalogue = new Set(listPrimitives().map((p) => p.name));
    expect([...ops].filter((op) => !catalogue.has(op))).toEqual([]);
  });

  it('every case runs on a sample file or a synthetic table, and the samples are all used', () => {
    const tables = new Set(ALL.map((c) => c.on));
    for (const sample of ['dirty_customer_list', 'messy_marketing_leads', 'sales_data_raw', 'survey_responses']) expect(tables.has(sample)).toBe(true);
  });
});
