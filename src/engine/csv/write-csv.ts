/**
 * Canonical CSV out (PRIMITIVES.md §2.6): header then rows, `,` separator, `\n` after every line
 * including the last; a field is quoted when it contains `,` `"` CR or LF or begins or ends with
 * whitespace (quotes doubled); null is an empty field; every other value is `text(v)` (§2.2).
 * The same table always gives the same bytes, so content hashes are stable.
 *
 * A one-column row whose value is null is written `""`: an empty line would read back as a blank
 * line (no record at all), and the round trip must keep the row.
 *
 * `escapeFormulas` (API.md §1 "CSV out") prefixes `'` to text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, tab or CR). Numbers are exempt, typed or written as
 * text (`-5`), so negative values survive. Header names are text cells too and are escaped alike.
 */
import { columnTextRenderer, columnValues, type CellValue, type DataTable } from '../table.js';

export interface WriteCsvOptions {
  escapeFormulas?: boolean;
}

const NEEDS_QUOTES = /[,"\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FLUSH_CHARS = 1 << 20;

export function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMERIC_TEXT.test(text) ? `'${text}` : text;
}

/** Encodes string chunks into one fresh byte array. */
class ByteSink {
  private readonly parts: Uint8Array[] = [];
  private pending = '';
  private readonly encoder = new TextEncoder();

  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending) this.parts.push(this.encoder.encode(this.pending));
    this.pending = '';
  }

  bytes(): Uint8Array {
    this.flush();
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const p of this.parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }
}

export function writeCsv(dt: DataTable, options: WriteCsvOptions = {}): Uint8Array {
  const escape = options.escapeFormulas === true;
  const sink = new ByteSink();
  const width = dt.schema.length;
  if (width === 0) return sink.bytes();

  const cellText = (text: string, isText: boolean): string => quoteField(escape && isText ? escapeFormula(text) : text);
  sink.write(dt.schema.map((c) => cellText(c.name, true)).join(',') + '\n');

  const columns: (readonly CellValue[])[] = [];
  const renderers: ((v: CellValue) => string)[] = [];
  dt.schema.forEach((column, i) => {
    columns.push(columnValues(dt, column.name));
    const text = columnTextRenderer(dt, i);
    const isText = column.type === 'string';
    // Only text can hold a separator, quote or leading whitespace; other types print bare.
    renderers.push((v) => {
      if (v === null) return '';
      const t = text(v) ?? '';
      return isText ? cellText(t, true) : t;
    });
  });

  const rows = dt.table.numRows();
  for (let r = 0; r < rows; r++) {
    let line = renderers[0](columns[0][r]);
    for (let c = 1; c < width; c++) line += ',' + renderers[c](columns[c][r]);
    sink.write(width === 1 && line === '' ? '""\n' : line + '\n');
  }
  return sink.bytes();
}
