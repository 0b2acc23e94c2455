import { z } from 'zod';
import { columnList, newColumn, params } from '../../plan/param-types.js';
import { ident, mdCall, selectList } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, rowCount } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { removeDuplicates } from '../rows/remove-duplicates.js';
import { columnExists, listedColumns, rate } from './shared.js';

const isDuplicateParams = params({
  subset: columnList.nullable().default(null),
  keep: z.enum(['first', 'last', 'none']).default('first'),
  new_column: newColumn.default('_is_duplicate'),
});

type IsDuplicateParams = z.infer<typeof isDuplicateParams>;

/** `is_duplicate` (§4.9): flags exactly the rows `remove_duplicates` with the same subset and keep would remove. */
export const isDuplicate: Primitive<IsDuplicateParams> = {
  name: 'is_duplicate',
  title: 'Flag duplicate rows',
  category: 'quality',
  description:
    'Appends a boolean column that is true for duplicate rows (same values in subset, or in all columns): every occurrence after the first (keep first), before the last (keep last), or all of them (keep none). Rows are not removed.',
  params: isDuplicateParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => listedColumns(p.subset, 'subset'),
  check: (p, { schema }) => columnExists('new_column', p.new_column, schema),
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'boolean' }],
  run(dt, p, ctx) {
    const n = rowCount(dt);
    // Run remove_duplicates itself on the table with a row-number column, so the two can never disagree.
    let rowColumn = '\u0000row';
    while (dt.schema.some((c) => c.name === rowColumn)) rowColumn += '_';
    const numbered = setColumns(dt, [{ name: rowColumn, type: 'integer', values: Array.from({ length: n }, (_, i) => i) }]);
    const subset = p.subset ?? dt.schema.map((c) => c.name);
    const kept = removeDuplicates.run(numbered, { subset, keep: p.keep }, ctx).table;
    const flags = new Array<boolean>(n).fill(true);
    for (const row of columnValues(kept, rowColumn)) flags[row as number] = false;
    const duplicates = n - rowCount(kept);
    return {
      table: setColumns(dt, [{ name: p.new_column, type: 'boolean', values: flags }]),
      metadata: { duplicate_count: duplicates, unique_count: n - duplicates, duplicate_rate: rate(duplicates, n) },
    };
  },
  render(p, schema) {
    const keys = (p.subset ?? schema.map((c) => c.name)).map(ident).join(', ');
    const flag =
      p.keep === 'none'
        ? `COUNT(*) OVER (PARTITION BY ${keys}) > 1`
        : `ROW_NUMBER() OVER (PARTITION BY ${keys} ORDER BY "_row"${p.keep === 'last' ? ' DESC' : ''}) > 1`;
    const columns = [selectList(schema), `(${flag}) AS ${ident(p.new_column)}`, '"_row"'].filter((c) => c !== '').join(', ');
    return { js: mdCall('is_duplicate', p), sql: `SELECT ${columns} FROM {input} ORDER BY "_row"` };
  },
  summary: (p) => `flag duplicate rows${p.subset ? ` by ${p.subset.join(', ')}` : ''} in ${p.new_column}`,
  examples: [
    { prompt: 'mark which rows are duplicates without deleting them', params: {} },
    { prompt: 'flag every customer whose email appears more than once', params: { subset: ['email'], keep: 'none', new_column: 'email_repeated' } },
  ],
};
