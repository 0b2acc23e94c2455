import { z } from 'zod';
import { columnOrList, newColumn, params } from '../../plan/param-types.js';
import { ident, js, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, rowCount, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { assignGroups } from '../../values/aggregates.js';
import { columnExists, identList, listRefs } from './shared.js';

const rowNumberParams = params({
  new_column: newColumn.default('row_num'),
  start: z.number().int().default(1),
  partition_by: columnOrList.nullable().default(null),
});

type RowNumberParams = z.infer<typeof rowNumberParams>;

/** `row_number` (§4.1): start, start + 1, … in current row order, restarting per partition (null keys included). */
export const rowNumber: Primitive<RowNumberParams> = {
  name: 'row_number',
  title: 'Number the rows',
  category: 'rows',
  description: 'Appends an integer column numbering the rows in their current order from start, restarting for each distinct partition key.',
  params: rowNumberParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listRefs(p.partition_by, 'partition_by'),
  check: (p, { schema }) => columnExists('new_column', p.new_column, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'integer' }],
  run(dt, p) {
    const n = rowCount(dt);
    const values = new Array<CellValue>(n);
    if (p.partition_by === null) {
      for (let i = 0; i < n; i++) values[i] = p.start + i;
    } else {
      const { ids, count } = assignGroups(p.partition_by.map((c) => columnValues(dt, c)), n);
      const next = new Float64Array(count).fill(p.start);
      for (let i = 0; i < n; i++) values[i] = next[ids[i]]++;
    }
    return { table: setColumns(dt, [{ name: p.new_column, type: 'integer', values }]), metadata: { start: p.start, partitioned: p.partition_by !== null } };
  },
  render(p, schema) {
    const partition = p.partition_by ? `PARTITION BY ${identList(p.partition_by)} ` : '';
    const offset = p.start === 1 ? '' : p.start > 1 ? ` + ${p.start - 1}` : ` - ${1 - p.start}`;
    const sql = `SELECT ${selectList(schema)}, ROW_NUMBER() OVER (${partition}ORDER BY "_row")${offset} AS ${ident(p.new_column)}, "_row" FROM {input} ORDER BY "_row"`;
    const jsCode = p.partition_by ? mdCall('row_number', p) : `dt = dt.derive({ ${js(p.new_column)}: () => op.row_number()${offset} });`;
    return { js: jsCode, sql };
  },
  summary: (p) => `number the rows into ${p.new_column} from ${p.start}${p.partition_by ? ` per ${p.partition_by.join(', ')}` : ''}`,
  examples: [
    { prompt: 'add a row number column', params: {} },
    { prompt: 'number the orders of each customer starting at 1', params: { new_column: 'order_seq', partition_by: ['customer_id'] } },
  ],
};
