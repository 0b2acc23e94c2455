import { z } from 'zod';
import { asCondition, conditionColumns, conditionProblems, conditionSummary, makeConditionSchema } from '../../conditions/index.js';
import { newColumn, params, scalar } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { firstMatchSql, resultSchema, runFirstMatch, type Branch } from './first-match.js';

const item = makeConditionSchema({ valueKey: 'compare_value', extra: { value: scalar } });

const conditionalParams = params({
  new_column: newColumn,
  conditions: z.array(item).min(1, 'must list at least one condition'),
  default: scalar.default(null),
});

type ConditionalParams = z.infer<typeof conditionalParams>;

const path = (i: number) => `conditions[${i}]`;

const branches = (p: ConditionalParams): Branch[] =>
  p.conditions.map((c, i) => {
    const raw = c as Record<string, unknown>;
    return { condition: asCondition(raw, 'compare_value'), result: raw.value as Branch['result'], valuePath: `${path(i)}.compare_value` };
  });

/** `conditional_value` (§4.5): the first matching condition's value, else the default (or the kept value in place). */
export const conditionalValue: Primitive<ConditionalParams> = {
  name: 'conditional_value',
  title: 'Conditional value',
  category: 'calculate',
  description: 'Sets a column from conditions (if column op compare_value then value), first match wins, with a default for the rest.',
  params: conditionalParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => conditionColumns(p.conditions as { column: string }[], path),
  check: (p, { schema }) => conditionProblems(branches(p).map((b) => b.condition), schema, path, 'compare_value'),
  outputSchema: (p, { schema }) => resultSchema(schema, p.new_column, branches(p), p.default),
  run(dt, p) {
    const { table, warnings, matched, unmatched } = runFirstMatch(dt, p.new_column, branches(p), p.default);
    return { table, warnings, metadata: { matched_count: matched, default_count: unmatched } };
  },
  render: (p, schema) => ({ js: mdCall('conditional_value', p), sql: firstMatchSql(schema, p.new_column, branches(p), p.default) }),
  summary: (p) => `${p.new_column} = ${branches(p).map((b) => `${JSON.stringify(b.result)} if ${conditionSummary(b.condition)}`).join(', else ')}, else ${JSON.stringify(p.default)}`,
  examples: [
    {
      prompt: 'label orders over 1000 as large, over 100 as medium, otherwise small',
      params: {
        new_column: 'order_size',
        conditions: [
          { column: 'total', operator: 'gt', compare_value: 1000, value: 'large' },
          { column: 'total', operator: 'gt', compare_value: 100, value: 'medium' },
        ],
        default: 'small',
      },
    },
    {
      prompt: 'set is_vip to true for gold or platinum customers',
      params: { new_column: 'is_vip', conditions: [{ column: 'tier', operator: 'in', compare_value: ['gold', 'platinum'], value: true }], default: false },
    },
  ],
};
