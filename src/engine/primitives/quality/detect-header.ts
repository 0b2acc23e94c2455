import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { typedColumn } from '../../csv/infer-types.js';
import { columnTextRenderer, columnValues, makeDataTable, rowCount, type ColumnSchema, type DataTable } from '../../table.js';
import { num } from '../../values/numbers.js';
import { columnTexts } from './shared.js';

const detectHeaderParams = params({
  max_rows_to_check: z.number().int().min(1).default(20),
  expected_columns: z.array(z.string()).nullable().default(null),
  min_string_columns: z.number().int().min(0).default(2),
  apply_header: z.boolean().default(false),
});

type DetectHeaderParams = z.infer<typeof detectHeaderParams>;

type Kind = 'null' | 'number' | 'text';

/** A candidate header: its cells as trimmed text (null for empty) and each cell's kind. */
interface Candidate {
  cells: (string | null)[];
  kinds: Kind[];
}

/** The reader names an empty header cell `column_<n>` (1-based), `column_<n>_<k>` on a clash (§2.6). */
const isGeneratedName = (name: string, position: number) =>
  name === `column_${position + 1}` || (name.startsWith(`column_${position + 1}_`) && /^\d+$/.test(name.slice(`column_${position + 1}_`.length)));

const kindOf = (value: unknown): Kind => (value === null ? 'null' : num(value) !== null ? 'number' : 'text');

interface Score {
  score: number;
  reasons: string[];
}

function scoreCandidate(c: Candidate, next: Candidate | null, p: DetectHeaderParams): Score {
  const vals = c.cells.filter((v): v is string => v !== null);
  const reasons: string[] = [];
  let score = 0;
  const folded = vals.map((v) => v.toLowerCase());
  const found = (p.expected_columns ?? []).filter((e) => folded.some((v) => v.includes(e.toLowerCase()))).length;
  if (found > 0) {
    score += 30 * found;
    reasons.push(`${found} expected column name${found === 1 ? '' : 's'} found`);
  }
  const strings = vals.filter((v) => !/^\d+$/.test(v.replace(/[.-]/g, ''))).length;
  if (strings >= p.min_string_columns) {
    score += 10 * strings;
    reasons.push(`${strings} text value${strings === 1 ? '' : 's'}`);
  }
  if (vals.length === c.cells.length) {
    score += 20;
    reasons.push('no empty cells');
  }
  const short = vals.filter((v) => [...v].length < 50 && !/[\t\n]/.test(v)).length;
  if (vals.length === 0 || short / vals.length >= 0.7) {
    score += 15;
    reasons.push('short header-like values');
  }
  if (next) {
    const changes = c.kinds.filter((k, j) => k !== next.kinds[j]).length;
    if (changes > 0) {
      score += 5 * changes;
      reasons.push(`${changes} column${changes === 1 ? '' : 's'} change kind on the next row`);
    }
  }
  return { score, reasons };
}

/** Names from the detected row: trimmed text, `col_<j>` for empty cells, `_2`, `_3`, … for repeats. */
function headerNamesOf(cells: (string | null)[]): string[] {
  const taken = new Set<string>();
  return cells.map((cell, j) => {
    const base = cell === null || cell === '' ? `col_${j}` : cell;
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  });
}

function applyHeader(dt: DataTable, texts: (string | null)[][], row: number, names: string[]): DataTable {
  const schema: ColumnSchema[] = [];
  const columns = texts.map((column, j) => {
    const typed = typedColumn(column.slice(row + 1));
    schema.push({ name: names[j], type: typed.type });
    return typed.values;
  });
  return makeDataTable(schema, columns);
}

/** `detect_header` (§4.9): finds a header row below the current header (title lines above a table). */
export const detectHeader: Primitive<DetectHeaderParams> = {
  name: 'detect_header',
  title: 'Detect the header row',
  category: 'quality',
  description:
    'Scores the current header and the first rows to find the real header row (e.g. when title lines sit above the table); with apply_header it makes that row the column names, removes the rows above it and re-infers column types.',
  params: detectHeaderParams,
  rowsMayChange: true,
  colsMayChange: true,
  columns: () => [],
  outputSchema: (p, { schema }) => (p.apply_header ? 'dynamic' : schema),
  run(dt, p) {
    const raw = dt.schema.map((c) => columnValues(dt, c.name));
    // Only the first rows are scored: render their texts on demand instead of the whole table.
    const toText = dt.schema.map((_, j) => columnTextRenderer(dt, j));
    const rows = rowCount(dt);
    const dataRow = (r: number): Candidate => ({
      cells: raw.map((column, j) => toText[j](column[r])?.trim() ?? null),
      kinds: raw.map((column) => kindOf(column[r])),
    });
    const header: Candidate = {
      cells: dt.schema.map((c, j) => (isGeneratedName(c.name, j) ? null : c.name.trim())),
      kinds: dt.schema.map((c, j) => (isGeneratedName(c.name, j) ? 'null' : kindOf(c.name))),
    };
    const checked = Math.min(p.max_rows_to_check, rows);
    const headerScore = scoreCandidate(header, rows > 0 ? dataRow(0) : null, p);
    let best: { row: number; score: Score } | null = null;
    for (let r = 0; r < checked; r++) {
      const score = scoreCandidate(dataRow(r), r + 1 < rows ? dataRow(r + 1) : null, p);
      if (score.score > headerScore.score && (best === null || score.score > best.score.score)) best = { row: r, score };
    }
    const winner = best?.score ?? headerScore;
    const reasons = best ? winner.reasons : ['the current header scores highest', ...winner.reasons];
    let table = dt;
    let newColumns: string[] | null = null;
    if (best && p.apply_header) {
      newColumns = headerNamesOf(dataRow(best.row).cells);
      table = applyHeader(dt, dt.schema.map((c) => columnTexts(dt, c.name)), best.row, newColumns);
    }
    return {
      table,
      metadata: {
        detected_header_row: best?.row ?? null,
        confidence_score: winner.score,
        header_score: headerScore.score,
        detection_reason: reasons.join('; '),
        rows_removed: newColumns ? best!.row + 1 : 0,
        new_columns: newColumns,
      },
    };
  },
  render: (p) => ({ js: mdCall('detect_header', p, !p.apply_header), sql: null }),
  summary: (p) => (p.apply_header ? 'find the real header row and use it' : 'look for the real header row'),
  examples: [
    { prompt: 'the first rows are a report title; find the real header and use it', params: { apply_header: true } },
    { prompt: 'is the header somewhere lower? it should contain Order ID and Amount', params: { expected_columns: ['Order ID', 'Amount'] } },
  ],
};
