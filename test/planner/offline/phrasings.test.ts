import { describe, it } from 'vitest';
import { COLUMN_CASES } from './cases/columns.js';
import { GROUP_QUALITY_CASES } from './cases/groups-quality.js';
import { MULTI_CASES } from './cases/multi-request.js';
import { NUMBER_DATE_CASES } from './cases/numbers-dates.js';
import { ROW_CASES } from './cases/rows.js';
import { TEXT_CASES } from './cases/text.js';
import { expectPlan } from './helpers.js';

/**
 * Every phrasing plans exactly its steps (op and params), each valid for the catalogue on the table's columns,
 * with an explanation, an "I'll …" reply and a confidence of at least 0.7 (cases in ./cases, counted by
 * coverage.test.ts). Tables: the four sample files profiled by the engine, and small synthetic tables.
 */
describe.each([
  ['rows', ROW_CASES],
  ['columns', COLUMN_CASES],
  ['text', TEXT_CASES],
  ['numbers and dates', NUMBER_DATE_CASES],
  ['blanks, groups and quality', GROUP_QUALITY_CASES],
  ['several requests in one message', MULTI_CASES],
])('offline planner: %s', (_family, cases) => {
  it.each(cases)('$say (on $on)', async (c) => {
    await expectPlan(c);
  });
});
