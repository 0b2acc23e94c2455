/**
 * Window logic shared by every window primitive (PRIMITIVES.md §2.9): partitions (null keys form their own),
 * stable orderings inside a partition, ranking, and the matching SQL clauses. Results are written back to each
 * row's own index, so row order never changes.
 */
import type { Schema } from '../../plan/types.js';
import { ident } from '../../plan/render-helpers.js';
import { columnValues, rowCount, type CellValue, type DataTable } from '../../table.js';
import { assignGroups } from '../../values/aggregates.js';
import { compareValues } from '../../values/order.js';

/** Row indices of each partition in current row order; partitions in order of first appearance (§2.9 keys). */
export function partitionRows(dt: DataTable, keys: readonly string[] | null): number[][] {
  const n = rowCount(dt);
  if (!keys || keys.length === 0) return [Array.from({ length: n }, (_, i) => i)];
  const { ids, count } = assignGroups(keys.map((k) => columnValues(dt, k)), n);
  const partitions = Array.from({ length: count }, (): number[] => []);
  for (let i = 0; i < n; i++) partitions[ids[i]].push(i);
  return partitions;
}

/** The rows sorted by `values` in typed order, nulls last whatever the direction, ties in current order. */
export function orderRows(rows: readonly number[], values: readonly CellValue[], ascending = true): number[] {
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    return sign * compareValues(x, y) || a - b;
  });
}

export type RankMethod = 'dense' | 'min' | 'max' | 'first' | 'average';

/**
 * Ranks the non-null values of each partition (§4.5 `rank`); null values get a null rank and are not counted.
 * Ties: dense 1,2,2,3 · min 1,2,2,4 · max 1,3,3,4 · first 1,2,3,4 in current row order · average 1,2.5,2.5,4.
 */
export function rankValues(values: readonly CellValue[], partitions: readonly number[][], ascending: boolean, method: RankMethod): (number | null)[] {
  const out: (number | null)[] = new Array(values.length).fill(null);
  for (const partition of partitions) {
    const sorted = orderRows(partition.filter((i) => values[i] !== null), values, ascending);
    let dense = 0;
    for (let start = 0; start < sorted.length; ) {
      let end = start + 1;
      while (end < sorted.length && compareValues(values[sorted[start]], values[sorted[end]]) === 0) end++;
      dense++;
      for (let k = start; k < end; k++) {
        const row = sorted[k];
        if (method === 'dense') out[row] = dense;
        else if (method === 'min') out[row] = start + 1;
        else if (method === 'max') out[row] = end;
        else if (method === 'first') out[row] = k + 1;
        else out[row] = (start + 1 + end) / 2;
      }
      start = end;
    }
  }
  return out;
}

// ---- SQL ----

const isText = (schema: Schema, name: string) => schema.find((c) => c.name === name)?.type === 'string';

/** `"x"` or `"x" COLLATE "C"` for text columns (code-point order, §1.6). */
export function sqlSortKey(schema: Schema, name: string): string {
  return isText(schema, name) ? `${ident(name)} COLLATE "C"` : ident(name);
}

/** `PARTITION BY "a", "b"` plus extra expressions (e.g. `("x" IS NULL)` to keep nulls out of rankings), or ''. */
export function sqlPartition(keys: readonly string[] | null, extra: readonly string[] = []): string {
  const parts = [...(keys ?? []).map(ident), ...extra];
  return parts.length ? `PARTITION BY ${parts.join(', ')} ` : '';
}

/** `ORDER BY "o" [DESC] NULLS LAST, "_row"` (stable), or `ORDER BY "_row"` for current row order. */
export function sqlOrder(schema: Schema, orderBy: string | null, ascending = true): string {
  if (orderBy === null) return 'ORDER BY "_row"';
  return `ORDER BY ${sqlSortKey(schema, orderBy)}${ascending ? '' : ' DESC'} NULLS LAST, "_row"`;
}
