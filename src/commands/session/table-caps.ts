import type { Config } from '../../config/config.js';
import { rowCount, type DataTable } from '../../engine/index.js';
import { AppError } from '../../errors/index.js';

export type TableCaps = Pick<Config, 'MAX_ROWS' | 'MAX_COLUMNS' | 'MAX_CELLS'>;

/**
 * Row, column and cell caps on what a file may load as (MAX_ROWS, MAX_COLUMNS, MAX_CELLS): a small upload can still
 * parse into more than one process should hold, so the parsed size is checked before anything is stored.
 */
export function checkTableCaps(table: DataTable, caps: TableCaps, filename: string): void {
  const rows = rowCount(table);
  const columns = table.schema.length;
  const refuse = (what: string, max: number, limit: string) => {
    throw new AppError('FILE_TOO_LARGE', `'${filename}' has ${what}; at most ${max.toLocaleString('en-US')} are allowed (${limit}).`, {
      suggestion: 'Split the file, or remove columns you do not need, and upload again.',
      details: { rows, columns, max_rows: caps.MAX_ROWS, max_columns: caps.MAX_COLUMNS, max_cells: caps.MAX_CELLS },
    });
  };
  if (rows > caps.MAX_ROWS) refuse(`${rows.toLocaleString('en-US')} rows`, caps.MAX_ROWS, 'MAX_ROWS');
  if (columns > caps.MAX_COLUMNS) refuse(`${columns.toLocaleString('en-US')} columns`, caps.MAX_COLUMNS, 'MAX_COLUMNS');
  if (rows * columns > caps.MAX_CELLS) refuse(`${(rows * columns).toLocaleString('en-US')} cells`, caps.MAX_CELLS, 'MAX_CELLS');
}

/** The same caps on what a step may produce (the engine fails the step with LIMIT_EXCEEDED). */
export function outputLimits(caps: TableCaps): { maxRows: number; maxCells: number } {
  return { maxRows: caps.MAX_ROWS, maxCells: caps.MAX_CELLS };
}
