import { z } from 'zod';
import { columnList, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, rowCount } from '../../table.js';
import { groupRows } from '../../values/row-groups.js';
import { identList, keepMasked, listRefs, renumberedSql } from './shared.js';

const dedupeParams = params({
  subset: columnList.nullable().default(null),
  keep: z.enum(['first', 'last', 'none']).default('first'),
});

type DedupeParams = z.infer<typeof dedupeParams>;

/** Which rows survive: the first / last row of each id, or only rows whose id appears once. */
function survivors(ids: Int32Array, keep: DedupeParams['keep']): Uint8Array {
  const n = ids.length;
  const mask = new Uint8Array(n);
  if (keep === 'none') {
    const counts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) counts[ids[i]]++;
    for (let i = 0; i < n; i++) mask[i] = counts[ids[i]] === 1 ? 1 : 0;
    return mask;
  }
  const seen = new Uint8Array(n + 1);
  const visit = (i: number) => {
    if (!seen[ids[i]]) {
      seen[ids[i]] = 1;
      mask[i] = 1;
    }
  };
  if (keep === 'first') for (let i = 0; i < n; i++) visit(i);
  else for (let i = n - 1; i >= 0; i--) visit(i);
  return mask;
}

/** `remove_duplicates` (§4.1): key equality over `subset` (all columns when null); survivors keep their order. */
export const removeDuplicates: Primitive<DedupeParams> = {
  name: 'remove_duplicates',
  title: 'Remove duplicate rows',
  category: 'rows',
  description: 'Removes rows whose values (in subset, or all columns) equal an earlier row (keep first), a later one (keep last), or drops every duplicated row (keep none). Exact, case-sensitive; null equals null.',
  params: dedupeParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: (p) => listRefs(p.subset, 'subset'),
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const columns = p.subset ?? dt.schema.map((c) => c.name);
    const n = rowCount(dt);
    const { ids } = groupRows(columns.map((c) => columnValues(dt, c)), n);
    const table = keepMasked(dt, survivors(ids, p.keep));
    return { table, metadata: { duplicates_removed: n - rowCount(table) } };
  },
  render(p, schema) {
    const keys = identList(p.subset ?? schema.map((c) => c.name));
    const window = p.keep === 'none' ? `COUNT(*) OVER (PARTITION BY ${keys})` : `ROW_NUMBER() OVER (PARTITION BY ${keys} ORDER BY "_row"${p.keep === 'last' ? ' DESC' : ''})`;
    const from = `(SELECT *, ${window} AS "_dup" FROM {input}) AS "t"`;
    return { js: mdCall('remove_duplicates', p), sql: renumberedSql(schema, from, '"_dup" = 1') };
  },
  summary: (p) => `remove duplicate rows${p.subset ? ` by ${p.subset.join(', ')}` : ''}${p.keep === 'first' ? '' : p.keep === 'last' ? ' (keep the last)' : ' (keep none)'}`,
  examples: [
    { prompt: 'remove duplicate rows', params: {} },
    { prompt: 'dedupe customers by email, keeping the most recent entry', params: { subset: ['email'], keep: 'last' } },
    { prompt: 'drop every order id that appears more than once', params: { subset: ['order_id'], keep: 'none' } },
  ],
};
