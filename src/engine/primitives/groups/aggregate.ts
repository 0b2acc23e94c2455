import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Schema } from '../../plan/types.js';
import { columnValues, makeDataTable, rowCount, type CellValue, type ColumnSchema, type ColumnType } from '../../table.js';
import { aggregateGroups, aggResultType, aggSql, aggTypeProblem, assignGroups, resolveAgg, unknownAggMessage } from '../../values/aggregates.js';
import { columnExists, columnListOrEmpty, permute, sortedGroupOrder } from './shared.js';

const aggregationEntry = z
  .union([z.string(), z.array(z.string()).min(1, 'must list at least one function')])
  .superRefine((entry, ctx) => {
    (typeof entry === 'string' ? [entry] : entry).forEach((name, i) => {
      if (resolveAgg(name) === null) ctx.addIssue({ code: 'custom', path: typeof entry === 'string' ? [] : [i], message: unknownAggMessage(name) });
    });
  })
  .transform((entry) => (typeof entry === 'string' ? resolveAgg(entry)! : entry));

const aggregateParams = params({
  group_by: columnListOrEmpty,
  // A single function names the output after the column, so `avg` is normalized to `mean` (§1.1); in a list the
  // function is part of the output name (`amount_avg`), so the spelling is kept.
  aggregations: z
    .record(z.string().min(1, 'must be a column name'), aggregationEntry)
    .refine((a) => Object.keys(a).length > 0, { message: 'must have at least one entry' }),
  reset_index: z.boolean().default(true),
});

type AggregateParams = z.infer<typeof aggregateParams>;

interface OutputSpec {
  name: string;
  source: string;
  /** As spelled in the params. */
  spelled: string;
  param: string;
}

/** Each aggregation entry in object order; a list gives `<column>_<function>` per function (§4.7). */
function outputs(p: AggregateParams): OutputSpec[] {
  return Object.entries(p.aggregations).flatMap(([source, fns]) =>
    typeof fns === 'string'
      ? [{ name: source, source, spelled: fns, param: `aggregations.${source}` }]
      : fns.map((fn, i) => ({ name: `${source}_${fn}`, source, spelled: fn, param: `aggregations.${source}[${i}]` })),
  );
}

const typeIn = (schema: Schema, name: string): ColumnType => schema.find((c) => c.name === name)!.type;

function outputColumns(p: AggregateParams, schema: Schema): ColumnSchema[] {
  return [
    ...p.group_by.map((name) => ({ name, type: typeIn(schema, name) })),
    ...outputs(p).map((o) => ({ name: o.name, type: aggResultType(resolveAgg(o.spelled)!, typeIn(schema, o.source)) })),
  ];
}

/** `aggregate` (§4.7): one row per key combination, sorted by the keys; null keys form the last group. */
export const aggregate: Primitive<AggregateParams> = {
  name: 'aggregate',
  title: 'Aggregate by group',
  category: 'groups',
  description:
    'Groups rows by key columns and computes summaries per group (sum, mean/avg, median, min, max, count, size, nunique, first, last, std, var, concat); one row per group, sorted by the keys. group_by [] summarizes the whole table.',
  params: aggregateParams,
  rowsMayChange: true,
  colsMayChange: true,
  columns: (p) => [
    ...p.group_by.map((column, i) => ({ param: `group_by[${i}]`, column })),
    ...Object.keys(p.aggregations).map((column) => ({ param: `aggregations.${column}`, column })),
  ],
  check(p, { schema }) {
    const problems: Problem[] = [];
    const seen = new Set(p.group_by);
    for (const o of outputs(p)) {
      const typeProblem = aggTypeProblem(o.spelled, o.source, typeIn(schema, o.source), o.param);
      if (typeProblem) problems.push(typeProblem);
      if (seen.has(o.name)) problems.push(columnExists(o.name, o.param));
      seen.add(o.name);
    }
    return problems;
  },
  outputSchema: (p, { schema }) => outputColumns(p, schema),
  run(dt, p) {
    const rows = rowCount(dt);
    const keys = p.group_by.map((c) => columnValues(dt, c));
    const groups = assignGroups(keys, rows);
    const order = sortedGroupOrder(keys, groups.firstRow, groups.count);
    const schema = outputColumns(p, dt.schema);
    const keyColumns = keys.map((k) => order.map((g) => k[groups.firstRow[g]]));
    const valueColumns = outputs(p).map((o) => {
      const values = columnValues(dt, o.source);
      const perGroup = aggregateGroups(resolveAgg(o.spelled)!, values, typeIn(dt.schema, o.source), groups.ids, groups.count);
      return permute<CellValue>(perGroup, order);
    });
    return { table: makeDataTable(schema, [...keyColumns, ...valueColumns]), metadata: { groups_created: groups.count } };
  },
  render(p, schema) {
    const textKeys = new Set(schema.filter((c) => c.type === 'string').map((c) => c.name));
    const aggs = outputs(p).map((o) => {
      const expr = aggSql(resolveAgg(o.spelled)!, o.source, typeIn(schema, o.source));
      return expr && `${expr} AS ${ident(o.name)}`;
    });
    const orderKeys = p.group_by.map((k) => `${ident(k)}${textKeys.has(k) ? ' COLLATE "C"' : ''} NULLS LAST`);
    const select = [...p.group_by.map(ident), ...aggs];
    let sql: string | null = null;
    if (aggs.every((a) => a !== null)) {
      sql =
        p.group_by.length === 0
          ? `SELECT ${select.join(', ')}, 1 AS "_row" FROM {input} ORDER BY "_row"`
          : `SELECT ${select.join(', ')}, ROW_NUMBER() OVER (ORDER BY ${orderKeys.join(', ')}) AS "_row" FROM {input} GROUP BY ${p.group_by.map(ident).join(', ')} ORDER BY "_row"`;
    }
    // Arquero's rollup neither sorts groups with null keys last nor normalizes floats, so the step is the md call.
    return { js: mdCall('aggregate', p), sql };
  },
  summary: (p) => {
    const what = outputs(p).map((o) => `${o.spelled} of ${o.source}`).join(', ');
    return p.group_by.length ? `${what} by ${p.group_by.join(', ')}` : `${what} over all rows`;
  },
  examples: [
    { prompt: 'total and average order amount per country', params: { group_by: ['country'], aggregations: { amount: ['sum', 'mean'] } } },
    { prompt: 'count customers per region and segment', params: { group_by: ['region', 'segment'], aggregations: { customer_id: 'count' } } },
    { prompt: 'what is the overall revenue and the latest order date', params: { group_by: [], aggregations: { revenue: 'sum', order_date: 'max' } } },
  ],
};
