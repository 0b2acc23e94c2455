import { z } from 'zod';
import { params, columnList } from '../../plan/param-types.js';
import { ident, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, rowCount } from '../../table.js';
import { takeRows } from '../../table-ops.js';
import { compareValues } from '../../values/order.js';

const sortParams = params({
  columns: columnList,
  ascending: z.union([z.boolean(), z.array(z.boolean())]).default(true),
  na_position: z.enum(['first', 'last']).default('last'),
}).superRefine((p, ctx) => {
  if (Array.isArray(p.ascending) && p.ascending.length !== p.columns.length) {
    ctx.addIssue({ code: 'custom', path: ['ascending'], message: `needs one entry per column (${p.columns.length})` });
  }
});

type SortParams = z.infer<typeof sortParams>;

const directions = (p: SortParams) => p.columns.map((_, i) => (Array.isArray(p.ascending) ? p.ascending[i] : p.ascending));

/** `sort_rows` (§4.1): stable, typed order, nulls first or last whatever the direction. */
export const sortRows: Primitive<SortParams> = {
  name: 'sort_rows',
  title: 'Sort rows',
  category: 'rows',
  description: 'Orders rows by one or more columns, each ascending or descending; nulls first or last; stable.',
  params: sortParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => p.columns.map((column, i) => ({ param: `columns[${i}]`, column })),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const keys = p.columns.map((c) => columnValues(dt, c));
    const asc = directions(p);
    const nullSign = p.na_position === 'first' ? -1 : 1;
    const order = Array.from({ length: rowCount(dt) }, (_, i) => i);
    order.sort((a, b) => {
      for (let k = 0; k < keys.length; k++) {
        const x = keys[k][a];
        const y = keys[k][b];
        if (x === null || y === null) {
          if (x === y) continue;
          return x === null ? nullSign : -nullSign;
        }
        const c = compareValues(x, y);
        if (c !== 0) return asc[k] ? c : -c;
      }
      return 0;
    });
    return { table: takeRows(dt, order) };
  },
  render(p, schema) {
    const asc = directions(p);
    const keys = p.columns.map((c, i) => `${ident(c)}${asc[i] ? '' : ' DESC'} NULLS ${p.na_position === 'first' ? 'FIRST' : 'LAST'}`);
    const text = new Set(schema.filter((c) => c.type === 'string').map((c) => c.name));
    const collated = keys.map((k, i) => (text.has(p.columns[i]) ? k.replace(ident(p.columns[i]), `${ident(p.columns[i])} COLLATE "C"`) : k));
    return {
      // Arquero's orderby puts nulls first when ascending, so the step renders as the md call (§1.6).
      js: mdCall('sort_rows', p),
      sql: `SELECT ${selectList(schema)}, ROW_NUMBER() OVER (ORDER BY ${collated.join(', ')}, "_row") AS "_row" FROM {input} ORDER BY "_row"`,
    };
  },
  summary: (p) => `sort by ${p.columns.map((c, i) => `${c}${directions(p)[i] ? '' : ' (descending)'}`).join(', ')}`,
  examples: [
    { prompt: 'sort by signup date, newest first', params: { columns: ['signup_date'], ascending: false } },
    { prompt: 'order the rows by last name then first name', params: { columns: ['last_name', 'first_name'] } },
  ],
};

