import type { Schema } from '../../plan/types.js';
import { renumberedSql } from './shared.js';

/** Renderings shared by limit_rows, head_rows, tail_rows and offset_rows (§1.6). */

export const firstRowsJs = (n: number) => `dt = dt.slice(0, ${n});`;
// slice(-0) would keep every row.
export const lastRowsJs = (n: number) => (n === 0 ? 'dt = dt.slice(0, 0);' : `dt = dt.slice(-${n});`);
export const skipRowsJs = (n: number) => `dt = dt.slice(${n});`;

const inner = (clause: string, desc = false) => `(SELECT * FROM {input} ORDER BY "_row"${desc ? ' DESC' : ''} ${clause}) AS "t"`;
export const firstRowsSql = (schema: Schema, n: number) => renumberedSql(schema, inner(`LIMIT ${n}`));
export const lastRowsSql = (schema: Schema, n: number) => renumberedSql(schema, inner(`LIMIT ${n}`, true));
export const skipRowsSql = (schema: Schema, n: number) => renumberedSql(schema, inner(`OFFSET ${n}`));
