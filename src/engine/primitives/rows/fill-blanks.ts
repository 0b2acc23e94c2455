import { z } from 'zod';
import { sqlLiteral } from '../../conditions/index.js';
import { column, params, scalar } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, Warning } from '../../plan/types.js';
import { columnValues, type CellValue, type ColumnType } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { aggregateColumn, aggSql, aggTypeProblem } from '../../values/aggregates.js';
import { compareValues, keyOf } from '../../values/order.js';
import { typeToHold, writeValues } from '../../values/widen.js';

const METHODS = ['value', 'mean', 'median', 'mode', 'forward', 'backward'] as const;

const fillParams = params({
  column,
  method: z.enum(METHODS),
  value: scalar.default(null),
}).superRefine((p, ctx) => {
  if (p.method === 'value' && (p.value === null || p.value === '')) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required (and must not be null or empty) when method is "value"' });
  }
});

type FillParams = z.infer<typeof fillParams>;

/** A blank is a null, or in a string column a whitespace-only text (§4.1). */
const blankTest = (type: ColumnType) => (type === 'string' ? (v: CellValue) => v === null || (v as string).trim() === '' : (v: CellValue) => v === null);

function countBlanks(values: readonly CellValue[], blank: (v: CellValue) => boolean): number {
  let n = 0;
  for (const v of values) if (blank(v)) n++;
  return n;
}

/** The most frequent value; ties → smallest in typed order (§4.1). */
function mode(values: readonly CellValue[]): CellValue {
  const counts = new Map<string, { value: CellValue; count: number }>();
  for (const v of values) {
    const k = keyOf(v);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { value: v, count: 1 });
  }
  let best: { value: CellValue; count: number } | null = null;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && compareValues(entry.value, best.value) < 0)) best = entry;
  }
  return best?.value ?? null;
}

/** Fills forward (previous non-blank) or backward (next non-blank) in current row order. */
function carry(values: CellValue[], blank: (v: CellValue) => boolean, backward: boolean): CellValue[] {
  const out = [...values];
  let last: CellValue = null;
  const n = out.length;
  for (let k = 0; k < n; k++) {
    const i = backward ? n - 1 - k : k;
    if (!blank(out[i])) last = out[i];
    else if (last !== null) out[i] = last;
  }
  return out;
}

/** `fill_blanks` (§4.1): fills nulls (and whitespace-only text) with a constant, a statistic, or a neighbour. */
export const fillBlanks: Primitive<FillParams> = {
  name: 'fill_blanks',
  title: 'Fill blanks',
  category: 'rows',
  description: 'Fills blank cells (null, or whitespace-only text) of a column with a value, the mean, median or most frequent value, or the previous (forward) / next (backward) non-blank value.',
  params: fillParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => [{ param: 'column', column: p.column }],
  check(p, { schema }) {
    const type = schema.find((c) => c.name === p.column)!.type;
    if (p.method !== 'mean' && p.method !== 'median') return [];
    const problem = aggTypeProblem(p.method, p.column, type, 'column');
    return problem ? [problem as Problem] : [];
  },
  // A fractional mean/median turns an integer column into float at run time; both are numeric, so later checks agree.
  outputSchema: (p, { schema }) =>
    schema.map((c) => (c.name === p.column && p.method === 'value' ? { name: c.name, type: typeToHold(c.type, p.value) ?? c.type } : c)),
  run(dt, p) {
    const schemaCol = dt.schema.find((c) => c.name === p.column)!;
    let type = schemaCol.type;
    const blank = blankTest(type);
    let values = [...columnValues(dt, p.column)];
    const before = countBlanks(values, blank);
    const warnings: Warning[] = [];
    if (p.method === 'forward' || p.method === 'backward') {
      values = carry(values, blank, p.method === 'backward');
    } else {
      let fill: CellValue = null;
      if (p.method === 'value') {
        const written = writeValues(schemaCol, values, [p.value]);
        if (written.warning) warnings.push(written.warning);
        type = written.type;
        values = written.existing;
        fill = written.values[0];
      } else {
        const present = values.filter((v) => !blank(v));
        fill = p.method === 'mode' ? mode(present) : aggregateColumn(p.method, present, type);
        if (type === 'integer' && typeof fill === 'number' && !Number.isInteger(fill)) type = 'float';
      }
      // Blanks are decided on the original cells (a widened column's texts are no longer whitespace-only).
      const original = columnValues(dt, p.column);
      if (fill !== null) values = values.map((v, i) => (blank(original[i]) ? fill : v));
    }
    const after = countBlanks(values, blankTest(type));
    return {
      table: setColumns(dt, [{ name: p.column, type, values }]),
      warnings,
      metadata: { blanks_filled: before - after, blanks_remaining: after },
    };
  },
  render(p, schema) {
    const type = schema.find((c) => c.name === p.column)!.type;
    const c = ident(p.column);
    const isBlank = type === 'string' ? `(${c} IS NULL OR ${c} !~ '\\S')` : `${c} IS NULL`;
    let fill: string | null = null;
    if (p.method === 'value') {
      const to = typeToHold(type, p.value);
      // A change of type other than integer → float rewrites existing cells as text, which PostgreSQL prints its own way.
      if (to === type || (type === 'integer' && to === 'float')) fill = sqlLiteral(writeValues({ name: p.column, type }, [], [p.value]).values[0]);
    } else if (p.method === 'mean' || p.method === 'median') {
      fill = `(SELECT ${aggSql(p.method, p.column, type)} FROM {input})`;
    }
    const cols = schema.map((s) => (s.name === p.column ? `CASE WHEN ${isBlank} THEN ${fill} ELSE ${c} END AS ${c}` : ident(s.name)));
    return { js: mdCall('fill_blanks', p), sql: fill === null ? null : `SELECT ${cols.join(', ')}, "_row" FROM {input} ORDER BY "_row"` };
  },
  summary: (p) => `fill blanks in ${p.column} with ${p.method === 'value' ? JSON.stringify(p.value) : p.method === 'forward' ? 'the previous value' : p.method === 'backward' ? 'the next value' : `the ${p.method}`}`,
  examples: [
    { prompt: 'fill missing ages with the average age', params: { column: 'age', method: 'mean' } },
    { prompt: 'replace empty country cells with "Unknown"', params: { column: 'country', method: 'value', value: 'Unknown' } },
    { prompt: 'fill down the region into the blank rows below it', params: { column: 'region', method: 'forward' } },
  ],
};
