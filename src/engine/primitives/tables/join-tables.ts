import { z } from 'zod';
import { columnOrList, params } from '../../plan/param-types.js';
import { ident, mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem, RunContext, Schema, Warning } from '../../plan/types.js';
import { columnValues, makeDataTable, type CellValue, type ColumnSchema, type ColumnType } from '../../table.js';
import { castColumn, typeWidenedWarning, unifyTypes } from '../../values/widen.js';
import { attachedColumnProblems, attachedTable, comparesAsText, findTable, indexKeys, joinKeys, sqlCast, tableRef } from './shared.js';

const nameList = z.union([z.string().min(1).transform((c) => [c]), z.array(z.string().min(1)).min(1, 'must list at least one column')]);

const joinParams = params({
  right_table: tableRef,
  left_on: columnOrList,
  right_on: nameList,
  how: z.enum(['inner', 'left', 'right', 'outer']).default('left'),
  suffixes: z.tuple([z.string(), z.string()]).default(['_left', '_right']),
}).superRefine((p, ctx) => {
  if (p.right_on.length !== p.left_on.length) ctx.addIssue({ code: 'custom', path: ['right_on'], message: `needs as many columns as left_on (${p.left_on.length}).` });
  if (p.suffixes[0] === p.suffixes[1]) ctx.addIssue({ code: 'custom', path: ['suffixes'], message: 'the two suffixes must differ.' });
});

type JoinParams = z.infer<typeof joinParams>;

/** Where each output column comes from (§4.6 column rules). */
interface OutputColumn {
  name: string;
  type: ColumnType;
  side: 'left' | 'right' | 'merged';
  left?: ColumnSchema;
  right?: ColumnSchema;
}

/** A right key with the same name as its paired left key merges into the left column. */
const mergedNames = (p: JoinParams) => new Set(p.left_on.filter((c, i) => p.right_on[i] === c));

function layout(p: JoinParams, left: Schema, right: Schema): OutputColumn[] {
  const merged = mergedNames(p);
  const rightKept = right.filter((c) => !merged.has(c.name));
  const rightNames = new Set(rightKept.map((c) => c.name));
  const leftNames = new Set(left.map((c) => c.name));
  // Right-only rows write the right key into a merged column, so its type unifies when such rows can exist.
  const unify = p.how === 'right' || p.how === 'outer';
  return [
    ...left.map((c): OutputColumn => {
      if (merged.has(c.name)) {
        const r = right.find((x) => x.name === c.name)!;
        return { name: c.name, type: unify ? unifyTypes(c.type, r.type)! : c.type, side: 'merged', left: c, right: r };
      }
      return { name: rightNames.has(c.name) ? c.name + p.suffixes[0] : c.name, type: c.type, side: 'left', left: c };
    }),
    ...rightKept.map((c): OutputColumn => ({ name: leftNames.has(c.name) ? c.name + p.suffixes[1] : c.name, type: c.type, side: 'right', right: c })),
  ];
}

const rightSchema = (p: JoinParams, ctx: RunContext): Schema => findTable(ctx, p.right_table)!.table.schema;

/** Output row pairs (−1 = no row on that side) in the §4.6 order, and the match counts. */
function pairRows(p: JoinParams, leftKeys: (string | null)[], rightKeys: (string | null)[]) {
  const leftIdx: number[] = [];
  const rightIdx: number[] = [];
  const rightMatched = new Uint8Array(rightKeys.length);
  let leftUnmatched = 0;
  let matched = 0;
  if (p.how === 'right') {
    const byKey = indexKeys(leftKeys);
    rightKeys.forEach((k, r) => {
      const matches = k === null ? undefined : byKey.get(k);
      if (matches) {
        for (const l of matches) leftIdx.push(l), rightIdx.push(r);
        matched += matches.length;
        rightMatched[r] = 1;
      } else leftIdx.push(-1), rightIdx.push(r);
    });
    const rightSet = new Set(rightKeys);
    leftUnmatched = leftKeys.filter((k) => k === null || !rightSet.has(k)).length;
  } else {
    const byKey = indexKeys(rightKeys);
    leftKeys.forEach((k, l) => {
      const matches = k === null ? undefined : byKey.get(k);
      if (matches) {
        for (const r of matches) leftIdx.push(l), rightIdx.push(r), (rightMatched[r] = 1);
        matched += matches.length;
      } else {
        leftUnmatched++;
        if (p.how !== 'inner') leftIdx.push(l), rightIdx.push(-1);
      }
    });
    if (p.how === 'outer') rightMatched.forEach((m, r) => m || (leftIdx.push(-1), rightIdx.push(r)));
  }
  const rightUnmatched = rightMatched.reduce((n, m) => n + (m ? 0 : 1), 0);
  return { leftIdx, rightIdx, matched, leftUnmatched, rightUnmatched };
}

/** `join_tables` (§4.6): equi-join with an attached table; left order (right order for `right`). */
export const joinTables: Primitive<JoinParams> = {
  name: 'join_tables',
  title: 'Join tables',
  category: 'tables',
  description:
    'Joins an attached table on key columns (inner, left, right or outer). Same-named key pairs merge into one column; other shared names get suffixes. Null keys never match.',
  params: joinParams,
  rowsMayChange: true,
  colsMayChange: true,
  tableParams: ['right_table'],
  columns: (p) => p.left_on.map((column, i) => ({ param: `left_on[${i}]`, column })),
  tables: (p) => [{ param: 'right_table', table: p.right_table }],
  check(p, { schema, ctx }) {
    const right = findTable(ctx, p.right_table)!;
    const missing = attachedColumnProblems(
      right,
      p.right_on.map((column, i) => ({ param: `right_on[${i}]`, column })),
    );
    if (missing.length > 0) return missing;
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const c of layout(p, schema, right.table.schema)) {
      if (seen.has(c.name)) problems.push({ code: 'COLUMN_EXISTS', param: 'suffixes', message: `column "${c.name}" already exists.` });
      seen.add(c.name);
    }
    return problems;
  },
  outputSchema: (p, { schema, ctx }) => layout(p, schema, rightSchema(p, ctx)).map(({ name, type }) => ({ name, type })),
  run(dt, p, ctx) {
    const right = attachedTable(ctx, p.right_table, 'right_table');
    const keys = joinKeys({ table: dt, columns: p.left_on }, { table: right, columns: p.right_on });
    const pairs = pairRows(p, keys.left, keys.right);
    const warnings: Warning[] = [...keys.warnings];
    const columns = layout(p, dt.schema, right.schema);
    const pick = (source: readonly CellValue[], idx: number[]) => idx.map((i) => (i < 0 ? null : source[i]));
    const values = columns.map((c): CellValue[] => {
      if (c.side === 'left') return pick(columnValues(dt, c.left!.name), pairs.leftIdx);
      if (c.side === 'right') return pick(columnValues(right, c.right!.name), pairs.rightIdx);
      const fromLeft = castColumn(columnValues(dt, c.name), c.left!.type, c.type);
      const fromRight = castColumn(columnValues(right, c.name), c.right!.type, c.type);
      const warning = typeWidenedWarning(c.name, c.left!.type, c.type);
      if (warning) warnings.push(warning);
      return pairs.leftIdx.map((l, i) => (l >= 0 ? fromLeft[l] : fromRight[pairs.rightIdx[i]]));
    });
    return {
      table: makeDataTable(columns.map(({ name, type }) => ({ name, type })), values),
      warnings,
      metadata: { join_type: p.how, rows_matched: pairs.matched, left_unmatched: pairs.leftUnmatched, right_unmatched: pairs.rightUnmatched },
    };
  },
  // The optional context gives SQL the right table's schema (render's contract passes only the input schema).
  render(p, schema, ctx?: RunContext) {
    return { js: mdCall('join_tables', p), sql: joinSql(p, schema, ctx) };
  },
  summary: (p) => `${p.how} join ${p.right_table} on ${p.left_on.map((c, i) => (c === p.right_on[i] ? c : `${c} = ${p.right_on[i]}`)).join(', ')}`,
  examples: [
    { prompt: 'add the customer details from the customers table by customer_id', params: { right_table: 'customers', left_on: 'customer_id', right_on: 'customer_id', how: 'left' } },
    { prompt: 'keep only orders whose product exists in the catalog (match sku to product_code)', params: { right_table: 'catalog', left_on: ['sku'], right_on: ['product_code'], how: 'inner' } },
  ],
};

/**
 * SQL needs the right table's schema: rendered when the caller passes the run context (attached tables), else null.
 * The right relation is the attached table's id and, like every step input, carries "_row".
 */
function joinSql(p: JoinParams, schema: Schema, ctx?: RunContext): string | null {
  const right = ctx && findTable(ctx, p.right_table);
  if (!right) return null;
  const rightSchema = right.table.schema;
  const typeIn = (s: Schema, n: string) => s.find((c) => c.name === n)!.type;
  const conditions: string[] = [];
  for (let i = 0; i < p.left_on.length; i++) {
    const lt = typeIn(schema, p.left_on[i]);
    const rt = typeIn(rightSchema, p.right_on[i]);
    const l = `"_l".${ident(p.left_on[i])}`;
    const r = `"_r".${ident(p.right_on[i])}`;
    if (!comparesAsText(lt, rt)) {
      conditions.push(`${l} = ${r}`);
      continue;
    }
    const lx = sqlCast(l, lt, 'string');
    const rx = sqlCast(r, rt, 'string');
    if (lx === null || rx === null) return null;
    conditions.push(`${lx} = ${rx}`);
  }
  const select: string[] = [];
  for (const c of layout(p, schema, rightSchema)) {
    if (c.side !== 'merged') {
      const source = c.side === 'left' ? `"_l".${ident(c.left!.name)}` : `"_r".${ident(c.right!.name)}`;
      select.push(`${source} AS ${ident(c.name)}`);
      continue;
    }
    const l = sqlCast(`"_l".${ident(c.name)}`, c.left!.type, c.type);
    const r = sqlCast(`"_r".${ident(c.name)}`, c.right!.type, c.type);
    if (l === null || r === null) return null;
    select.push(`${p.how === 'right' || p.how === 'outer' ? `COALESCE(${l}, ${r})` : l} AS ${ident(c.name)}`);
  }
  const join = { inner: 'INNER JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', outer: 'FULL JOIN' }[p.how];
  // Left order with each left row's matches in right order; `right` the other way round; outer's right-only rows last.
  const order = p.how === 'right' ? '"_r"."_row", "_l"."_row"' : '"_l"."_row", "_r"."_row"';
  return `SELECT ${select.join(', ')}, ROW_NUMBER() OVER (ORDER BY ${order}) AS "_row" FROM {input} AS "_l" ${join} ${ident(right.id)} AS "_r" ON ${conditions.join(' AND ')} ORDER BY "_row"`;
}
