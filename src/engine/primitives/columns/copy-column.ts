import type { z } from 'zod';
import { column, newColumn, params } from '../../plan/param-types.js';
import { field, ident, js } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { setColumns, typeOf } from '../../table-ops.js';
import { columnExists, oneColumn, sqlColumns, sqlSelect } from './shared.js';

const copyParams = params({ source: column, destination: newColumn });
type CopyParams = z.infer<typeof copyParams>;

/** `copy_column` (§4.2): appends an identical column. */
export const copyColumn: Primitive<CopyParams> = {
  name: 'copy_column',
  title: 'Copy column',
  category: 'columns',
  description: 'Appends a copy of a column (same values and type) under a new name.',
  params: copyParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => oneColumn(p.source, 'source'),
  check: (p, { schema }) => columnExists('destination', p.destination, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.destination, type: schema.find((c) => c.name === p.source)!.type }],
  run(dt, p) {
    return { table: setColumns(dt, [{ name: p.destination, type: typeOf(dt, p.source)!, values: [...columnValues(dt, p.source)] }]) };
  },
  render(p, schema) {
    return {
      js: `dt = dt.derive({ ${js(p.destination)}: d => ${field(p.source)} });`,
      sql: sqlSelect([...sqlColumns(schema), `${ident(p.source)} AS ${ident(p.destination)}`]),
    };
  },
  summary: (p) => `copy ${p.source} to ${p.destination}`,
  examples: [
    { prompt: 'duplicate the email column as email_backup', params: { source: 'email', destination: 'email_backup' } },
    { prompt: 'make a copy of price called original_price before I change it', params: { source: 'price', destination: 'original_price' } },
  ],
};
