import { z } from 'zod';
import { column, columnOrList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { newColumnProblem, sqlWithColumn } from './numeric.js';
import { partitionRows, rankValues, sqlPartition, sqlSortKey, type RankMethod } from './window.js';

const rankParams = params({
  column,
  new_column: newColumn,
  ascending: z.boolean().default(true),
  method: z.enum(['dense', 'min', 'max', 'first', 'average']).default('dense'),
  group_by: columnOrList.nullable().default(null),
});

type RankParams = z.infer<typeof rankParams>;

/**
 * A SQL ranking over the non-null values: `("x" IS NULL)` joins the partition so nulls are not counted, and the
 * CASE gives them a null rank.
 */
export function sqlRank(schema: Schema, name: string, keys: readonly string[] | null, ascending: boolean, method: RankMethod): string {
  const x = ident(name);
  const over = `OVER (${sqlPartition(keys, [`(${x} IS NULL)`])}ORDER BY ${sqlSortKey(schema, name)}${ascending ? '' : ' DESC'}`;
  const ranking: Record<RankMethod, string> = {
    dense: `DENSE_RANK() ${over})`,
    min: `RANK() ${over})`,
    // the default RANGE frame ends at the last peer, so COUNT gives the max rank
    max: `COUNT(${x}) ${over})`,
    first: `ROW_NUMBER() ${over}, "_row")`,
    average: `(RANK() ${over}) + COUNT(${x}) ${over})) / 2.0`,
  };
  const expr = method === 'average' ? `(${ranking.average})::float8` : ranking[method];
  return `(CASE WHEN ${x} IS NULL THEN NULL ELSE ${expr} END)`;
}

/** `rank` (§4.5): ranks the non-null values per group in typed order; ties per `method`. */
export const rank: Primitive<RankParams> = {
  name: 'rank',
  title: 'Rank',
  category: 'calculate',
  description: 'Ranks the values of a column (ascending or descending) within optional groups; ties as dense, min, max, first or average.',
  params: rankParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => [{ param: 'column', column: p.column }, ...(p.group_by ?? []).map((c, i) => ({ param: `group_by[${i}]`, column: c }))],
  check: (p, { schema }) => newColumnProblem(schema, 'new_column', p.new_column),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: p.method === 'average' ? 'float' : 'integer' }],
  run(dt, p) {
    const ranks = rankValues(columnValues(dt, p.column), partitionRows(dt, p.group_by), p.ascending, p.method);
    return { table: setColumns(dt, [{ name: p.new_column, type: p.method === 'average' ? 'float' : 'integer', values: ranks }]) };
  },
  render: (p, schema) => ({
    js: mdCall('rank', p),
    sql: sqlWithColumn(schema, p.new_column, sqlRank(schema, p.column, p.group_by, p.ascending, p.method)),
  }),
  summary: (p) => `${p.new_column} = ${p.method} rank of ${p.column}${p.ascending ? '' : ' (highest first)'}${p.group_by ? ` per ${p.group_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'rank salespeople by revenue, highest first', params: { column: 'revenue', new_column: 'revenue_rank', ascending: false, method: 'min' } },
    { prompt: 'rank products by price within each category', params: { column: 'price', new_column: 'price_rank', group_by: 'category' } },
  ],
};
