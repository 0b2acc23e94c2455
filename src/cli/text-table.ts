/** Rows of cells as aligned text columns (the last column is not padded); the first row is the header. */
export function textTable(rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '));
}

/** The first 8 characters of an id, as the API's messages show them. */
export const short = (id: string | null | undefined): string => (id ? id.slice(0, 8) : '-');
