import type { CellValue } from '../table.js';

/** Groups of equal rows: one dense id per row, numbered in order of first appearance. */
export interface Groups {
  ids: Int32Array;
  count: number;
  /** The first row of each group. */
  firstRow: Int32Array;
}

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);

/** A 32-bit hash of one cell, consistent with key equality (§2.9): `0` = `-0`, dates by instant, text exact. */
function cellHash(v: CellValue): number {
  if (v === null) return 0x2545f491;
  if (typeof v === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
    return h;
  }
  if (typeof v === 'boolean') return v ? 0x6b43a9b5 : 0x1b873593;
  const x = typeof v === 'number' ? v + 0 : v.getTime(); // + 0 turns -0 into 0
  if ((x | 0) === x) return Math.imul(x, 0x9e3779b1);
  F64[0] = x;
  return Math.imul(I32[0] ^ Math.imul(I32[1], 0x85ebca6b), 0x9e3779b1);
}

function cellsEqual(a: CellValue, b: CellValue): boolean {
  if (a === b) return true;
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

/**
 * Groups rows by key equality over these columns in one pass: each row's cells are hashed into one 32-bit value
 * (no per-row strings), rows are placed in an open-addressing table by that hash, and a row joins a group only
 * after its cells compare equal to the group's first row — so a hash collision can never merge different rows.
 * No columns → every row in group 0, and one group even when there are no rows.
 */
export function groupRows(columns: readonly (readonly CellValue[])[], rows: number): Groups {
  const ids = new Int32Array(rows);
  if (columns.length === 0) return { ids, count: 1, firstRow: Int32Array.of(0) };
  const hashes = new Int32Array(rows);
  for (const cells of columns) {
    for (let r = 0; r < rows; r++) {
      let h = hashes[r] ^ cellHash(cells[r]);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      hashes[r] = h ^ (h >>> 13);
    }
  }
  let capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const first: number[] = [];
  for (let r = 0; r < rows; r++) {
    const h = hashes[r];
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const rep = table[slot];
      if (rep === -1) {
        table[slot] = r;
        ids[r] = first.length;
        first.push(r);
        break;
      }
      if (hashes[rep] === h && columns.every((cells) => cellsEqual(cells[rep], cells[r]))) {
        ids[r] = ids[rep];
        break;
      }
    }
  }
  return { ids, count: first.length, firstRow: Int32Array.from(first) };
}
