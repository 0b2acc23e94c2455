import { z } from 'zod';
import { column, columnOrList, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Schema } from '../../plan/types.js';
import { columnValues, rowCount, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { keyOfRow } from '../../values/order.js';
import { listedColumns } from './shared.js';

const fillParams = params({
  columns: z
    .array(column)
    .min(1, 'must list at least one column')
    .refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' })
    .nullable()
    .default(null),
  limit: z.number().int().min(1).nullable().default(null),
  group_by: columnOrList.nullable().default(null),
});
type FillParams = z.infer<typeof fillParams>;

/** The filled columns: the listed ones (or all), never a group key. */
const filled = (p: FillParams, schema: Schema): string[] =>
  (p.columns ?? schema.map((c) => c.name)).filter((c) => !(p.group_by ?? []).includes(c));

/**
 * Fills each null from the nearest non-null value before it (`forward`) or after it, within the row's group,
 * filling at most `limit` consecutive nulls after (before) a value.
 */
function fill(values: readonly CellValue[], groups: readonly string[] | null, forward: boolean, limit: number | null) {
  const n = values.length;
  const out = [...values];
  const last = new Map<string, { value: CellValue; run: number }>();
  let filledCount = 0;
  for (let k = 0; k < n; k++) {
    const r = forward ? k : n - 1 - k;
    const key = groups ? groups[r] : '';
    const v = values[r];
    if (v !== null) {
      last.set(key, { value: v, run: 0 });
      continue;
    }
    const seen = last.get(key);
    if (seen && (limit === null || seen.run < limit)) {
      seen.run++;
      out[r] = seen.value;
      filledCount++;
    }
  }
  return { values: out, filled: filledCount, remaining: out.filter((v) => v === null).length };
}

function fillPrimitive(forward: boolean): Primitive<FillParams> {
  const name = forward ? 'fill_forward' : 'fill_backward';
  return {
    name,
    title: forward ? 'Fill down' : 'Fill up',
    category: 'columns',
    description: forward
      ? 'Fills each blank cell with the nearest value above it (in current row order), optionally within groups and for at most `limit` consecutive blanks.'
      : 'Fills each blank cell with the nearest value below it (in current row order), optionally within groups and for at most `limit` consecutive blanks.',
    params: fillParams,
    rowsMayChange: false,
    colsMayChange: false,
    columns: (p) => [...listedColumns(p.columns), ...listedColumns(p.group_by, 'group_by')],
    outputSchema: (_p, { schema }) => schema,
    run(dt, p) {
      const rows = rowCount(dt);
      const keyColumns = (p.group_by ?? []).map((c) => columnValues(dt, c));
      // Null keys form their own group (keyOfRow maps null to its own key).
      const groups = p.group_by ? Array.from({ length: rows }, (_, r) => keyOfRow(keyColumns.map((c) => c[r]))) : null;
      let nullsFilled = 0;
      let nullsRemaining = 0;
      const updates = filled(p, dt.schema).map((c) => {
        const result = fill(columnValues(dt, c), groups, forward, p.limit);
        nullsFilled += result.filled;
        nullsRemaining += result.remaining;
        return { name: c, type: dt.schema.find((s) => s.name === c)!.type, values: result.values };
      });
      return { table: setColumns(dt, updates), metadata: { nulls_filled: nullsFilled, nulls_remaining: nullsRemaining } };
    },
    render: (p) => ({ js: mdCall(name, p), sql: null }),
    summary: (p) =>
      `fill blanks ${forward ? 'down' : 'up'} in ${p.columns ? p.columns.join(', ') : 'every column'}${p.group_by ? ` within ${p.group_by.join(', ')}` : ''}${p.limit ? ` (at most ${p.limit} in a row)` : ''}`,
    examples: forward
      ? [
          { prompt: 'fill the empty region cells with the region from the row above', params: { columns: ['region'] } },
          { prompt: 'carry the last known price forward within each product, at most 3 rows', params: { columns: ['price'], group_by: ['product'], limit: 3 } },
        ]
      : [
          { prompt: 'fill blank categories from the next row below', params: { columns: ['category'] } },
          { prompt: 'back-fill missing readings per sensor', params: { columns: ['reading'], group_by: 'sensor_id' } },
        ],
  };
}

/** `fill_forward` (§4.2). */
export const fillForward = fillPrimitive(true);
/** `fill_backward` (§4.2): `limit` counts the nulls before a value. */
export const fillBackward = fillPrimitive(false);
