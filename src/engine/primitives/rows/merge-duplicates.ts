import { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Schema, Warning } from '../../plan/types.js';
import { columnValues, makeDataTable, rowCount, type ColumnSchema } from '../../table.js';
import { aggFunction, aggregateGroups, aggResultType, aggSql, aggSubset, aggSuits, aggTypeProblem, assignGroups, type AggFunction } from '../../values/aggregates.js';
import { identList } from './shared.js';

const DEFAULT_AGGS = ['first', 'last', 'sum', 'mean', 'max', 'min', 'concat'] as const;

const mergeParams = params({
  group_by: columnList,
  aggregations: z
    .record(z.string(), aggFunction)
    .nullable()
    .default({})
    .transform((a) => a ?? {}),
  default_agg: aggSubset(DEFAULT_AGGS).default('first'),
});

type MergeParams = z.infer<typeof mergeParams>;

interface Plan {
  /** Per input column: null for a key, else the function it gets. */
  fns: (AggFunction | null)[];
  /** Columns where default_agg does not suit the type and `first` is used instead. */
  skipped: string[];
}

function planFor(p: MergeParams, schema: Schema): Plan {
  const keys = new Set(p.group_by);
  const skipped: string[] = [];
  const fns = schema.map((c): AggFunction | null => {
    if (keys.has(c.name)) return null;
    if (Object.hasOwn(p.aggregations, c.name)) return p.aggregations[c.name];
    if (aggSuits(p.default_agg, c.type)) return p.default_agg;
    skipped.push(c.name);
    return 'first';
  });
  return { fns, skipped };
}

const outputOf = (p: MergeParams, schema: Schema): ColumnSchema[] => {
  const { fns } = planFor(p, schema);
  return schema.map((c, i) => ({ name: c.name, type: fns[i] === null ? c.type : aggResultType(fns[i]!, c.type) }));
};

/** `merge_duplicates` (§4.1): one row per group_by key in order of first appearance, columns in their current order. */
export const mergeDuplicates: Primitive<MergeParams> = {
  name: 'merge_duplicates',
  title: 'Merge duplicate rows',
  category: 'rows',
  description: 'Collapses rows with equal group_by values into one row per key (in order of first appearance), combining every other column with its aggregation or default_agg (first non-null by default).',
  params: mergeParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: (p) => [
    ...p.group_by.map((column, i) => ({ param: `group_by[${i}]`, column })),
    ...Object.keys(p.aggregations).map((column) => ({ param: `aggregations.${column}`, column })),
  ],
  check(p, { schema }) {
    const problems: Problem[] = [];
    for (const [column, fn] of Object.entries(p.aggregations)) {
      const param = `aggregations.${column}`;
      if (p.group_by.includes(column)) {
        problems.push({ code: 'INVALID_PARAM', param, message: `column "${column}" is a group_by column; only other columns can be aggregated.` });
        continue;
      }
      const problem = aggTypeProblem(fn, column, schema.find((c) => c.name === column)!.type, param);
      if (problem) problems.push(problem);
    }
    return problems;
  },
  outputSchema: (p, { schema }) => outputOf(p, schema),
  run(dt, p) {
    const { fns, skipped } = planFor(p, dt.schema);
    const groups = assignGroups(p.group_by.map((c) => columnValues(dt, c)), rowCount(dt));
    const columns = dt.schema.map((c, i) => {
      const values = columnValues(dt, c.name);
      const fn = fns[i];
      return fn === null ? Array.from(groups.firstRow, (r) => values[r]) : aggregateGroups(fn, values, c.type, groups.ids, groups.count);
    });
    const warnings: Warning[] = skipped.length
      ? [{ code: 'DEFAULT_AGG_SKIPPED', message: `default_agg "${p.default_agg}" does not suit ${skipped.map((c) => `"${c}"`).join(', ')}; used "first" instead.` }]
      : [];
    return { table: makeDataTable(outputOf(p, dt.schema), columns), warnings, metadata: { groups_created: groups.count } };
  },
  render(p, schema) {
    const { fns } = planFor(p, schema);
    const exprs = schema.map((c, i) => (fns[i] === null ? ident(c.name) : aggSql(fns[i]!, c.name, c.type)));
    const sql = exprs.every((e) => e !== null)
      ? `SELECT ${exprs.map((e, i) => (fns[i] === null ? e : `${e} AS ${ident(schema[i].name)}`)).join(', ')}, ROW_NUMBER() OVER (ORDER BY MIN("_row")) AS "_row" FROM {input} GROUP BY ${identList(p.group_by)} ORDER BY "_row"`
      : null;
    return { js: mdCall('merge_duplicates', p), sql };
  },
  summary: (p) => `merge rows with the same ${p.group_by.join(', ')} (${p.default_agg} by default)`,
  examples: [
    { prompt: 'merge duplicate customer rows by email, keeping the first non-empty value of each field', params: { group_by: ['email'] } },
    { prompt: 'combine rows per order id, adding up the quantities and listing the products', params: { group_by: ['order_id'], aggregations: { quantity: 'sum', product: 'concat' } } },
  ],
};
