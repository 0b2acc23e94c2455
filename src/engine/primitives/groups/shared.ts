import { z } from 'zod';
import { column } from '../../plan/param-types.js';
import type { Problem } from '../../plan/types.js';
import type { CellValue } from '../../table.js';
import { compareValues } from '../../values/order.js';

/** `column[]` where `[]` is allowed (aggregate's group_by, unpivot's id_columns). */
export const columnListOrEmpty = z.array(column).refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' });

/** Group indices sorted ascending by their key values (typed order, null keys last); stable. */
export function sortedGroupOrder(keys: readonly (readonly CellValue[])[], firstRow: Int32Array, count: number): number[] {
  const order = Array.from({ length: count }, (_, g) => g);
  if (keys.length === 0) return order;
  order.sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(k[firstRow[a]], k[firstRow[b]]);
      if (c !== 0) return c;
    }
    return 0;
  });
  return order;
}

export const permute = <T>(values: readonly T[], order: readonly number[]): T[] => order.map((g) => values[g]);

export const columnExists = (name: string, param: string | null): Problem => ({ code: 'COLUMN_EXISTS', param, message: `column "${name}" already exists.` });

