import { expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { textOf, columnValues } from '../../../../src/engine/table.js';
import { apply, table } from '../helpers.js';

/** The SQL renderings run on PostgreSQL (PGlite) give the engine's values, compared by text form (§1.6). */
it('SQL renderings agree with the engine on PGlite', async () => {
  const db = new PGlite();
  const t = table({ g: 'string', x: 'integer', f: 'float', s: 'string', d: 'datetime' }, [
    ['a', 3, 12.34, ' 5 ', new Date(Date.UTC(2024, 0, 1))],
    ['b', 1, 0.1, 'x', new Date(Date.UTC(2024, 1, 15))],
    ['a', 3, null, '1e3', null],
    [null, null, 2.675, null, new Date(Date.UTC(2024, 3, 1))],
    ['b', 2, -1.005, '-2.5', null],
    ['a', 5, 1 / 3, '7', null],
  ]);
  await db.exec(`CREATE TABLE s0 (g text, x bigint, f float8, s text, d timestamp, "_row" bigint)`);
  const cols = t.schema.map((c) => columnValues(t, c.name));
  for (let i = 0; i < 6; i++) {
    await db.query(`INSERT INTO s0 VALUES ($1,$2,$3,$4,$5,$6)`, [cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i] ? (cols[4][i] as Date).toISOString().slice(0, 19).replace('T', ' ') : null, i + 1]);
  }
  const cases: [string, Record<string, unknown>][] = [
    ['math_operation', { new_column: 'o', operation: 'multiply', column1: 'f', column2: 'x' }],
    ['math_operation', { new_column: 'o', operation: 'divide', column1: 'x', column2: 's' }],
    ['math_operation', { new_column: 'o', operation: 'add', column1: 'x', value: 2 }],
    ['round_numbers', { column: 'f', decimals: 2 }],
    ['round_numbers', { column: 'x', decimals: -1 }],
    ['floor_ceil', { column: 'f', method: 'floor', precision: 2 }],
    ['floor_ceil', { column: 's', method: 'ceil', precision: 0 }],
    ['percentage', { column: 'x', new_column: 'o' }],
    ['percentage', { column: 'f', new_column: 'o', mode: 'ratio', denominator_column: 'x' }],
    ['running_total', { column: 'f', new_column: 'o', group_by: 'g' }],
    ['running_total', { column: 'x', new_column: 'o' }],
    ['rank', { column: 'x', new_column: 'o', method: 'average', ascending: false }],
    ['rank', { column: 'x', new_column: 'o', method: 'max', group_by: 'g' }],
    ['rank', { column: 'x', new_column: 'o', method: 'first', ascending: false }],
    ['rank', { column: 'g', new_column: 'o', method: 'min' }],
    ['dense_rank', { column: 'x', partition_by: 'g' }],
    ['percent_rank', { column: 'f' }],
    ['ntile', { n: 2, order_by: 'x', partition_by: 'g' }],
    ['lag', { column: 'x', partition_by: 'g', default: 0 }],
    ['lead', { column: 'f', order_by: 'x', offset: 2 }],
    ['lag', { column: 'x', default: 'none' }],
    ['moving_average', { column: 'f', window: 3, min_periods: 2, center: true }],
    ['first_value', { column: 'f', partition_by: 'g', order_by: 'x', ascending: false, ignore_nulls: true }],
    ['absolute_value', { column: 's', new_column: 'o' }],
    ['is_between', { column: 'd', min_value: '2024-01-15', max_value: '2024-04-01' }],
    ['is_between', { column: 's', min_value: 0, max_value: 10, inclusive: 'neither' }],
    ['bin_values', { column: 'f', bins: ['-inf', 0, 1, 'inf'] }],
    ['conditional_value', { new_column: 'o', conditions: [{ column: 'x', operator: 'gt', compare_value: 2, value: 'big' }], default: 'small' }],
    ['case_when', { new_column: 'x', cases: [{ condition: { column: 'g', value: 'A' }, result: 0 }] }],
  ];
  for (const [op, params] of cases) {
    const prim = getPrimitive(op)!;
    const out = apply(t, op, params).table;
    const norm = prim.params.parse(params);
    const sql = prim.render(norm as never, t.schema).sql!.replace('{input}', 's0');
    const res = await db.query<Record<string, unknown>>(sql);
    const name = out.schema.find((c) => !t.schema.some((s) => s.name === c.name && s.type === c.type))?.name ?? (params.new_column as string) ?? (params.column as string);
    const type = out.schema.find((c) => c.name === name)!.type;
    const engine = columnValues(out, name).map((v) => textOf(v, type));
    const pg = res.rows.map((r) => (r[name] === null ? null : String(r[name])));
    expect(pg, `${op} ${JSON.stringify(params)}\n${sql}`).toEqual(engine);
    expect(res.rows.map((r) => Number(r._row))).toEqual([1, 2, 3, 4, 5, 6]);
  }
  await db.close();
}, 120000);
