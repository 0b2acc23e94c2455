import type { CellValue } from '../../table.js';

/**
 * Dense ids for numbers, by open addressing over typed arrays: a 1M-row dedupe spends its time in hashing, and a
 * JS Map over hundreds of thousands of numeric or string keys is several times slower than this table.
 */
class NumberIds {
  private readonly mask: number;
  private readonly keys: Float64Array;
  private readonly slots: Int32Array;
  private readonly bits = new Float64Array(1);
  private readonly words = new Int32Array(this.bits.buffer);
  size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity).fill(-1);
  }

  id(x: number): number {
    let h: number;
    if ((x | 0) === x) h = Math.imul(x, 0x9e3779b1);
    else {
      this.bits[0] = x;
      h = Math.imul(this.words[0] ^ Math.imul(this.words[1], 0x85ebca6b), 0x9e3779b1);
    }
    h ^= h >>> 15;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i];
      if (slot === -1) {
        this.keys[i] = x;
        this.slots[i] = this.size;
        return this.size++;
      }
      if (this.keys[i] === x) return slot; // 0 === -0: key equality treats them alike
    }
  }
}

/** Ids of one column's values under key equality (§2.9); null is id 0. */
function valueIds(cells: readonly CellValue[], n: number): (v: CellValue) => number {
  const first = cells.find((v) => v !== null);
  if (typeof first === 'number' || first instanceof Date) {
    const ids = new NumberIds(n);
    return (v) => (v === null ? 0 : ids.id(typeof v === 'number' ? v : (v as Date).getTime()) + 1);
  }
  // Text and booleans: a column has one type, so the value itself is the key.
  const ids = new Map<CellValue, number>([[null, 0]]);
  return (v) => {
    let id = ids.get(v);
    if (id === undefined) ids.set(v, (id = ids.size));
    return id;
  };
}

/**
 * A dense id per row (in order of first appearance), equal exactly for rows whose cells are equal under key
 * equality (§2.9: `1` = `1.0`, text exact, null equals null). Built column by column from (value id, previous id)
 * pairs, so no per-row strings are made and no separator can be imitated by a text.
 */
export function rowIds(columns: readonly (readonly CellValue[])[], n: number): { ids: Int32Array; count: number } {
  let ids = new Int32Array(n);
  let count = n === 0 ? 0 : 1;
  for (const cells of columns) {
    const valueId = valueIds(cells, n);
    const pairs = new NumberIds(n);
    const next = new Int32Array(n);
    // value id ≤ n and previous count ≤ n, so the pair stays well inside the safe integers
    for (let i = 0; i < n; i++) next[i] = pairs.id(valueId(cells[i]) * count + ids[i]);
    ids = next;
    count = pairs.size;
  }
  return { ids, count };
}
