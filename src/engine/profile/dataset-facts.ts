/**
 * Row-level facts of a table: duplicate rows (typed key equality, null equals null — PRIMITIVES.md
 * §2.9), empty and complete rows, and trailing footer rows (a totals line or a note left at the end
 * of an export). Rows are compared through the per-column codes of the column scans, so no string
 * key is built per row.
 */
import type { ColumnScan } from './column-scan.js';

export interface RowFacts {
  duplicateRows: number;
  /** the first few duplicate rows, 0-based */
  duplicateExamples: number[];
  emptyRows: number;
  completeRows: number;
  footerRows: number[];
  footerType: 'totals' | 'notes' | null;
}

function rowHash(scans: ColumnScan[], r: number): number {
  let h = 0x811c9dc5;
  for (const s of scans) h = Math.imul(h ^ (s.codes[r] + 1), 0x01000193) >>> 0;
  return h;
}

function sameRow(scans: ColumnScan[], a: number, b: number): boolean {
  for (const s of scans) if (s.codes[a] !== s.codes[b]) return false;
  return true;
}

const TOTAL_WORDS = /^\s*(grand\s+total|sub-?total|totals?|sum|average|avg|mean|count)\b[\s:]*/i;
const NOTE_WORDS = /^\s*(note|notes|source|generated|exported|report|page|copyright|©|\*|confidential|end of)/i;

function footerKind(scans: ColumnScan[], r: number): 'totals' | 'notes' | null {
  const filled = scans.filter((s) => s.codes[r] >= 0);
  if (filled.length === 0) return null;
  const first = filled[0];
  const text = String(first.distinct[first.codes[r]]);
  if (first.type === 'string' && TOTAL_WORDS.test(text)) return 'totals';
  if (scans.length >= 3 && filled.length === 1 && first.type === 'string' && NOTE_WORDS.test(text)) return 'notes';
  return null;
}

export function rowFacts(scans: ColumnScan[], rows: number): RowFacts {
  // First row per hash; rows whose hash matches but values differ (rare) go to `others`.
  const firstByHash = new Map<number, number>();
  const others = new Map<number, number[]>();
  let duplicateRows = 0;
  const duplicateExamples: number[] = [];
  let emptyRows = 0;
  let completeRows = 0;
  for (let r = 0; r < rows; r++) {
    let filled = 0;
    for (const s of scans) if (s.codes[r] >= 0) filled++;
    if (filled === 0) emptyRows++;
    if (filled === scans.length) completeRows++;
    const h = rowHash(scans, r);
    const first = firstByHash.get(h);
    if (first === undefined) {
      firstByHash.set(h, r);
      continue;
    }
    const more = others.get(h);
    if (sameRow(scans, first, r) || more?.some((q) => sameRow(scans, q, r))) {
      duplicateRows++;
      if (duplicateExamples.length < 5) duplicateExamples.push(r);
    } else if (more) more.push(r);
    else others.set(h, [r]);
  }

  // Footers: contiguous footer-like rows at the very end, at most 5, never the whole table.
  const footerRows: number[] = [];
  let footerType: 'totals' | 'notes' | null = null;
  for (let r = rows - 1; r >= Math.max(1, rows - 5); r--) {
    const kind = footerKind(scans, r);
    if (!kind) break;
    footerRows.unshift(r);
    if (kind === 'totals' || !footerType) footerType = kind;
  }
  return { duplicateRows, duplicateExamples, emptyRows, completeRows, footerRows, footerType };
}
