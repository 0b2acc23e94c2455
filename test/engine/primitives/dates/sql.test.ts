/** The SQL renderings of the date and format primitives run on PostgreSQL (PGlite) give the engine's values. */
import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/registry.js';
import type { DataTable } from '../../../../src/engine/table.js';
import { columnTextRenderer } from '../../../../src/engine/table.js';
import { utcDate } from '../../../../src/engine/values/index.js';
import '../../../../src/engine/primitives/index.js';
import { apply, table } from '../helpers.js';
import { runSql } from './pg.js';

const d = (y: number, m: number, day: number, h = 0, mi = 0, s = 0, ms = 0) => utcDate(y, m, day, h, mi, s, ms);

/** A timestamp as PostgreSQL prints it: fraction without trailing zeros. */
const pgStamp = (v: Date): string => v.toISOString().replace('T', ' ').replace('Z', '').replace(/0+$/, '').replace(/\.$/, '');

/** The engine's output as text per cell, datetimes as PostgreSQL prints timestamps. */
function engineRows(out: DataTable): (string | null)[][] {
  const renderers = out.schema.map((c, i) => (c.type === 'datetime' ? (v: unknown) => (v instanceof Date ? pgStamp(v) : null) : columnTextRenderer(out, i)));
  const cols = out.schema.map((c) => out.table.array(c.name) as never[]);
  return Array.from({ length: out.table.numRows() }, (_, r) => cols.map((col, i) => renderers[i](col[r])));
}

async function same(dt: DataTable, op: string, params: Record<string, unknown>) {
  const r = apply(dt, op, params);
  const sql = getPrimitive(op)!.render(r.steps[0].params as never, dt.schema).sql;
  expect(sql, `${op} ${JSON.stringify(params)} has SQL`).not.toBeNull();
  expect(await runSql(dt, sql!)).toEqual(engineRows(r.table));
}

const stamps = table({ s: 'datetime', e: 'datetime' }, [
  [d(2024, 1, 31), d(2024, 2, 28)],
  [d(2024, 1, 15), d(2024, 3, 15)],
  [d(2024, 3, 15, 12), d(2024, 1, 15, 13)],
  [d(2024, 1, 1, 12), d(2024, 1, 1)],
  [d(2020, 2, 29), d(2024, 2, 28, 23, 59)],
  [d(2024, 1, 1), d(2024, 1, 1, 0, 0, 20)],
  [null, d(2024, 1, 1)],
  [d(2023, 5, 5, 10, 30, 15, 250), d(2021, 1, 1)],
]);

describe('SQL renderings on PostgreSQL', () => {
  it('matches the engine', async () => {
    for (const part of ['year', 'month', 'day', 'week', 'quarter', 'dayofweek', 'dayofyear', 'hour', 'minute', 'second', 'weekday_name', 'month_name']) {
      await same(stamps, 'extract_date_part', { column: 's', part });
    }
    for (const unit of ['days', 'weeks', 'months', 'years', 'hours', 'minutes', 'seconds']) {
      await same(stamps, 'date_diff', { start_column: 's', end_column: 'e', unit });
      await same(stamps, 'date_diff', { start_column: 's', end_column: 'e', unit, absolute: true, new_column: 'x' });
    }
    for (const [amount, unit] of [[1, 'months'], [-1, 'years'], [12, 'years'], [3, 'days'], [-2, 'weeks'], [5, 'hours'], [-90, 'minutes']] as const) {
      await same(stamps, 'date_add', { column: 's', amount, unit });
      await same(stamps, 'date_add', { column: 's', amount, unit, new_column: 'later' });
    }
  }, 240_000);

  it('matches the engine for the format primitives', async () => {
    const words = table({ w: 'string', n: 'integer' }, [['Hello World'], [null], [' usa '], ['U.S.'], ['Canada']].map(([w], i) => [w, i]));
    await same(words, 'change_text_casing', { column: 'w', case: 'lower' });
    await same(words, 'change_text_casing', { column: 'w', case: 'upper' });
    await same(words, 'change_text_casing', { column: 'n', case: 'upper' });
    await same(words, 'standardize_values', { column: 'w', mapping: { 'United States': ['USA', 'u.s.'] } });
    await same(words, 'standardize_values', { column: 'w', mapping: { 'United States': ['USA', 'u.s.'] }, case_sensitive: true });
  }, 240_000);
});
