import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { js } from '../../plan/render-helpers.js';
import type { Primitive, Problem } from '../../plan/types.js';
import { ident } from '../../plan/render-helpers.js';
import { columnsOf, tableOf, sqlSelect } from './shared.js';

const renameParams = params({
  mapping: z
    .record(z.string(), z.string().min(1, 'must be a non-empty column name'))
    .refine((m) => Object.keys(m).length > 0, { message: 'must map at least one column' }),
}).superRefine((p, ctx) => {
  const seen = new Map<string, string>();
  for (const [from, to] of Object.entries(p.mapping)) {
    const other = seen.get(to);
    if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['mapping', from], message: `"${other}" and "${from}" are both renamed to "${to}".` });
    seen.set(to, from);
  }
});
type RenameParams = z.infer<typeof renameParams>;

const renamed = (p: RenameParams, name: string): string => (Object.hasOwn(p.mapping, name) ? p.mapping[name] : name);

/** `rename_columns` (§4.2): renames in place; swaps work, collisions do not. */
export const renameColumns: Primitive<RenameParams> = {
  name: 'rename_columns',
  title: 'Rename columns',
  category: 'columns',
  description: 'Renames columns (old name → new name), keeping their positions. Swapping two names in one mapping works.',
  params: renameParams,
  rowsMayChange: false,
  colsMayChange: true,
  columns: (p) => Object.keys(p.mapping).map((column) => ({ param: `mapping.${column}`, column })),
  check(p, { schema }) {
    // A new name may only equal an existing column that is itself renamed away in this mapping.
    const untouched = new Set(schema.map((c) => c.name).filter((n) => renamed(p, n) === n));
    return Object.entries(p.mapping)
      .filter(([from, to]) => from !== to && untouched.has(to))
      .map(([from, to]): Problem => ({ code: 'COLUMN_EXISTS', param: `mapping.${from}`, message: `column "${to}" already exists.` }));
  },
  outputSchema: (p, { schema }) => schema.map((c) => ({ name: renamed(p, c.name), type: c.type })),
  run(dt, p) {
    return { table: tableOf(columnsOf(dt).map((c) => ({ ...c, name: renamed(p, c.name) }))), metadata: { columns_renamed: { ...p.mapping } } };
  },
  render(p, schema) {
    return {
      js: `dt = dt.rename(${js(p.mapping)});`,
      sql: sqlSelect(schema.map((c) => (renamed(p, c.name) === c.name ? ident(c.name) : `${ident(c.name)} AS ${ident(renamed(p, c.name))}`))),
    };
  },
  summary: (p) => `rename ${Object.entries(p.mapping).map(([a, b]) => `${a} to ${b}`).join(', ')}`,
  examples: [
    { prompt: 'rename "cust_nm" to "customer_name"', params: { mapping: { cust_nm: 'customer_name' } } },
    { prompt: 'call the columns First Name and Last Name instead of fname and lname', params: { mapping: { fname: 'First Name', lname: 'Last Name' } } },
  ],
};
