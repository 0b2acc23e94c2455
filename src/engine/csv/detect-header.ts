/**
 * Header-offset detection (API.md §11.3). Each of the first 10 records is scored as a candidate:
 *   0.2 · [no empty cells]
 * + 0.3 · (share of its non-empty cells that do not look like data)
 * + 0.2 · [its non-empty cells are all distinct]
 * + 0.3 · (share of its columns whose first 5 non-empty values below it, within the scanned
 *          records, are all data-like or all text)
 * The highest score wins, ties going to the earlier record; confidence = min(1, score / 0.8).
 *
 * One addition: a record with fewer filled fields than most scanned records (a title such as
 * "Sales report" or "Generated at 2024-01-05", trailing empty cells not counted) is not a
 * candidate while a wider one exists. Without it a title above an all-text table ties with the
 * real header and, being earlier, wins.
 */

const DATA_LIKE = [
  /^[-+]?\$?[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s?%?$/, // numbers, $ , %
  /^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[-+]\d{2}:?\d{2})?)?$/, // ISO dates
  /^\d{1,2}\/\d{1,2}\/(\d{2}|\d{4})( \d{1,2}:\d{2}(:\d{2})?(\s?[AaPp][Mm])?)?$/, // US dates
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/, // emails
  /^(https?:\/\/|www\.)\S+$/i, // URLs
];

export function looksLikeData(cell: string): boolean {
  const s = cell.trim();
  return s !== '' && DATA_LIKE.some((re) => re.test(s));
}

const isEmpty = (cell: string): boolean => cell.trim() === '';

const SCANNED = 10;
const BELOW = 5;

export function scoreHeaderCandidate(records: string[][], index: number): number {
  const cells = records[index];
  const filled = cells.filter((c) => !isEmpty(c));
  if (filled.length === 0) return 0;
  let score = 0;
  if (filled.length === cells.length) score += 0.2;
  score += (0.3 * filled.filter((c) => !looksLikeData(c)).length) / filled.length;
  if (new Set(filled).size === filled.length) score += 0.2;
  let consistent = 0;
  for (let col = 0; col < cells.length; col++) {
    const below: string[] = [];
    for (let r = index + 1; r < records.length && below.length < BELOW; r++) {
      const v = records[r][col];
      if (v !== undefined && !isEmpty(v)) below.push(v);
    }
    if (below.length === 0) continue;
    const data = below.filter(looksLikeData).length;
    if (data === 0 || data === below.length) consistent++;
  }
  score += (0.3 * consistent) / cells.length;
  return score;
}

/** Fields up to the last non-empty one: `Report,,,` (a title exported from a sheet) is one wide. */
function filledWidth(record: string[]): number {
  let n = record.length;
  while (n > 0 && record[n - 1].trim() === '') n--;
  return n;
}

function modalWidth(widths: number[]): number {
  const tally = new Map<number, number>();
  let width = 0;
  let best = 0;
  for (const w of widths) {
    const n = (tally.get(w) ?? 0) + 1;
    tally.set(w, n);
    if (n > best || (n === best && w > width)) {
      best = n;
      width = w;
    }
  }
  return width;
}

export interface HeaderGuess {
  index: number;
  confidence: number;
}

/** Picks the header among the first 10 records (fewer when the file is shorter). */
export function detectHeader(records: string[][]): HeaderGuess {
  const scanned = records.slice(0, SCANNED);
  const widths = scanned.map(filledWidth);
  const width = modalWidth(widths);
  // From three columns on, tolerate one missing trailing cell (a row whose last value is blank).
  const wideEnough = (i: number): boolean => width < 2 || widths[i] >= (width >= 3 ? width - 1 : width);
  const anyWide = widths.some((_, i) => wideEnough(i));
  let index = 0;
  let best = -1;
  for (let i = 0; i < scanned.length; i++) {
    if (anyWide && !wideEnough(i)) continue;
    const score = scoreHeaderCandidate(scanned, i);
    if (score > best + 1e-9) {
      best = score;
      index = i;
    }
  }
  const confidence = Math.min(1, Math.max(0, best) / 0.8);
  return { index, confidence: Math.round(confidence * 100) / 100 };
}
