import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { ident, mdCall, sqlText, sqlTrim } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { allColumns } from '../../table-ops.js';
import { columnTextRenderer, makeDataTable, rowCount, type CellValue } from '../../table.js';
import { compileRegex, regexError } from '../../values/regex.js';

const explodeParams = params({
  column,
  delimiter: z.string().min(1, 'must be non-empty text').default(','),
  trim: z.boolean().default(true),
  regex: z.boolean().default(false),
}).superRefine((p, ctx) => {
  const message = p.regex ? regexError(p.delimiter) : null;
  if (message) ctx.addIssue({ code: 'custom', path: ['delimiter'], message: `invalid regular expression: ${message}`, params: { code: 'INVALID_REGEX' } });
});

type ExplodeParams = z.infer<typeof explodeParams>;

/** The pieces of a text between delimiter matches (capture groups are not pieces, unlike String#split). */
function splitter(p: ExplodeParams): (text: string) => string[] {
  if (!p.regex) return (text) => text.split(p.delimiter);
  const re = compileRegex(p.delimiter, { global: true });
  return (text) => {
    const pieces: string[] = [];
    let last = 0;
    for (const m of text.matchAll(re)) {
      pieces.push(text.slice(last, m.index));
      last = m.index + m[0].length;
    }
    pieces.push(text.slice(last));
    return pieces;
  };
}

/** `explode_column` (§4.1): one row per non-empty piece of the cell, in the row's place; the column becomes string. */
export const explodeColumn: Primitive<ExplodeParams> = {
  name: 'explode_column',
  title: 'Split a list into rows',
  category: 'rows',
  description: 'Splits a column of delimited lists into one row per item (other columns copied); empty items are dropped, a blank cell keeps one row.',
  params: explodeParams,
  rowsMayChange: true,
  colsMayChange: false,
  columns: (p) => [{ param: 'column', column: p.column }],
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: 'string' as const } : c)),
  run(dt, p) {
    const at = dt.schema.findIndex((c) => c.name === p.column);
    const text = columnTextRenderer(dt, at);
    const split = splitter(p);
    const columns = allColumns(dt);
    const source = columns[at];
    const rowsOf: number[] = [];
    const pieces: CellValue[] = [];
    for (let i = 0; i < source.length; i++) {
      const cell = text(source[i]);
      let found = 0;
      if (cell !== null) {
        for (const raw of split(cell)) {
          const piece = p.trim ? raw.trim() : raw;
          if (piece === '') continue;
          rowsOf.push(i);
          pieces.push(piece);
          found++;
        }
      }
      if (found === 0) {
        rowsOf.push(i);
        pieces.push(null);
      }
    }
    const out = columns.map((values, c) => (c === at ? pieces : rowsOf.map((r) => values[r])));
    const schema = dt.schema.map((c, i) => (i === at ? { name: c.name, type: 'string' as const } : c));
    const table = makeDataTable(schema, out);
    return { table, metadata: { rows_created: rowCount(table) - rowCount(dt), delimiter: p.delimiter } };
  },
  render(p, schema) {
    const type = schema.find((c) => c.name === p.column)?.type;
    let sql: string | null = null;
    // PostgreSQL prints floats and datetimes differently from text() (§1.6); regex delimiters have no SQL.
    if (!p.regex && (type === 'string' || type === 'integer' || type === 'boolean')) {
      const source = type === 'string' ? `"t".${ident(p.column)}` : `"t".${ident(p.column)}::text`;
      const piece = p.trim ? sqlTrim('"u"."piece"') : '"u"."piece"';
      const lateral = `(SELECT "x"."piece", "x"."ord" FROM (SELECT ${piece} AS "piece", "u"."ord" FROM UNNEST(STRING_TO_ARRAY(${source}, ${sqlText(p.delimiter)})) WITH ORDINALITY AS "u"("piece", "ord")) AS "x" WHERE "x"."piece" <> '')`;
      const cols = schema.map((c) => (c.name === p.column ? `"p"."piece" AS ${ident(c.name)}` : `"t".${ident(c.name)}`)).join(', ');
      sql = `SELECT ${cols}, ROW_NUMBER() OVER (ORDER BY "t"."_row", "p"."ord") AS "_row" FROM {input} AS "t" LEFT JOIN LATERAL ${lateral} AS "p" ON TRUE ORDER BY "_row"`;
    }
    return { js: mdCall('explode_column', p), sql };
  },
  summary: (p) => `split ${p.column} at "${p.delimiter}" into one row per item`,
  examples: [
    { prompt: 'split the tags column so each tag gets its own row', params: { column: 'tags', delimiter: ',' } },
    { prompt: 'one row per email address (they are separated by semicolons)', params: { column: 'emails', delimiter: ';' } },
  ],
};
