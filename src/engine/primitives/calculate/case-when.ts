import { z } from 'zod';
import { caseWhenConditionSchema, conditionColumns, conditionProblems, conditionSummary } from '../../conditions/index.js';
import { newColumn, params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { firstMatchSql, resultSchema, runFirstMatch, type Branch } from './first-match.js';

const caseWhenParams = params({
  cases: z.array(z.strictObject({ condition: caseWhenConditionSchema, result: scalar })).min(1, 'must list at least one case'),
  new_column: newColumn,
  default: scalar.default(null),
});

type CaseWhenParams = z.infer<typeof caseWhenParams>;

const path = (i: number) => `cases[${i}].condition`;

const branches = (p: CaseWhenParams): Branch[] => p.cases.map((c, i) => ({ condition: c.condition, result: c.result, valuePath: `${path(i)}.value` }));

/** `case_when` (§4.5): SQL CASE over Conditions (operator defaults to "eq"); first match wins. */
export const caseWhen: Primitive<CaseWhenParams> = {
  name: 'case_when',
  title: 'Case when',
  category: 'calculate',
  description: 'Writes the result of the first matching case (a condition and a result) into a column, with a default for unmatched rows.',
  params: caseWhenParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => conditionColumns(p.cases.map((c) => c.condition), path),
  check: (p, { schema }) => conditionProblems(p.cases.map((c) => c.condition), schema, path),
  outputSchema: (p, { schema }) => resultSchema(schema, p.new_column, branches(p), p.default),
  run(dt, p) {
    const { table, warnings, matched, unmatched } = runFirstMatch(dt, p.new_column, branches(p), p.default);
    return { table, warnings, metadata: { cases_applied: matched, default_count: unmatched } };
  },
  render: (p, schema) => ({ js: mdCall('case_when', p), sql: firstMatchSql(schema, p.new_column, branches(p), p.default) }),
  summary: (p) => `${p.new_column} = ${p.cases.map((c) => `${JSON.stringify(c.result)} when ${conditionSummary(c.condition)}`).join(', ')}, else ${JSON.stringify(p.default)}`,
  examples: [
    {
      prompt: 'map status codes A, I and P to Active, Inactive and Pending',
      params: {
        new_column: 'status_name',
        cases: [
          { condition: { column: 'status', value: 'A' }, result: 'Active' },
          { condition: { column: 'status', value: 'I' }, result: 'Inactive' },
          { condition: { column: 'status', value: 'P' }, result: 'Pending' },
        ],
      },
    },
    {
      prompt: 'grade scores: 90 and above A, 80 and above B, else C',
      params: {
        new_column: 'grade',
        cases: [
          { condition: { column: 'score', operator: 'gte', value: 90 }, result: 'A' },
          { condition: { column: 'score', operator: 'gte', value: 80 }, result: 'B' },
        ],
        default: 'C',
      },
    },
  ],
};
