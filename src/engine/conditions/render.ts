import { field, ident, js, sqlLower, sqlText } from '../plan/render-helpers.js';
import type { Schema } from '../plan/types.js';
import { datetimeText, type CellValue } from '../table.js';
import { compileRegex } from '../values/regex.js';
import { convertCondition, numberText, textValue } from './convert.js';
import type { Condition, Scalar } from './schema.js';

const SQL_OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** A PostgreSQL literal for a typed value (datetimes as TIMESTAMP). */
export function sqlLiteral(v: CellValue): string {
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return sqlText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return `TIMESTAMP ${sqlText(datetimeText(v, { hasTime: true, hasMs: v.getUTCMilliseconds() !== 0 }))}`;
  return 'NULL';
}

/** Wraps the test of a non-null cell with the null rule of §3.2. */
const guard = (cond: Condition, isNull: string, notNull: string, test: string, or = 'OR', and = 'AND') =>
  cond.match_null ? `(${isNull} ${or} ${test})` : `(${notNull} ${and} ${test})`;

/**
 * A PostgreSQL boolean expression for the condition, or null where no faithful SQL exists (regex; text forms of
 * float and datetime cells, which PostgreSQL prints differently).
 */
export function conditionSql(cond: Condition, schema: Schema): string | null {
  const type = schema.find((c) => c.name === cond.column)?.type;
  if (!type) return null;
  const col = ident(cond.column);
  if (cond.operator === 'isnull') return `${col} IS NULL`;
  if (cond.operator === 'notnull') return `${col} IS NOT NULL`;
  const wrap = (test: string) => guard(cond, `${col} IS NULL`, `${col} IS NOT NULL`, test);
  if (cond.operator === 'regex') return null;
  if (cond.operator === 'contains' || cond.operator === 'startswith' || cond.operator === 'endswith') {
    if (type === 'float' || type === 'datetime') return null;
    const asText = type === 'string' ? col : `${col}::text`;
    const needle = cond.case_sensitive ? textValue(cond.value as Scalar) : textValue(cond.value as Scalar).toLowerCase();
    const text = cond.case_sensitive ? asText : sqlLower(asText, [needle]);
    if (cond.operator === 'contains') return wrap(`STRPOS(${text}, ${sqlText(needle)}) > 0`);
    if (cond.operator === 'startswith') return wrap(`STARTS_WITH(${text}, ${sqlText(needle)})`);
    return wrap(`RIGHT(${text}, ${[...needle].length}) = ${sqlText(needle)}`);
  }
  const converted = convertCondition(cond, type, 'value');
  if ('problem' in converted) return null;
  const folded = type === 'string' && !cond.case_sensitive;
  // Equality needs JavaScript's folding only where a literal holds a character folded differently; order needs it always.
  const equality = cond.operator === 'eq' || cond.operator === 'ne' || cond.operator === 'in' || cond.operator === 'not_in';
  const literals = equality ? converted.values.map((v) => String(v)) : undefined;
  const x = type === 'string' ? `${folded ? sqlLower(col, literals) : col} COLLATE "C"` : col;
  const lits = converted.values.map(sqlLiteral);
  switch (cond.operator) {
    case 'in':
      return wrap(`${x} IN (${lits.join(', ')})`);
    case 'not_in':
      return wrap(`${x} NOT IN (${lits.join(', ')})`);
    case 'between':
      return wrap(`${x} BETWEEN ${lits[0]} AND ${lits[1]}`);
    default:
      return wrap(`${x} ${SQL_OPS[cond.operator]} ${lits[0]}`);
  }
}

/**
 * An Arquero table expression body over `d` for the condition, or null where none is faithful (datetimes; text
 * ordering, which JS compares by UTF-16 unit rather than code point) — the caller then renders the md call.
 */
export function conditionJs(cond: Condition, schema: Schema): string | null {
  const type = schema.find((c) => c.name === cond.column)?.type;
  if (!type || type === 'datetime') return null;
  const x = field(cond.column);
  if (cond.operator === 'isnull') return `${x} == null`;
  if (cond.operator === 'notnull') return `${x} != null`;
  const wrap = (test: string) => guard(cond, `${x} == null`, `${x} != null`, test, '||', '&&');
  // op.lower stringifies as well as folds; number and boolean texts have no letters to fold.
  const text = type === 'string' && cond.case_sensitive ? x : `op.lower(${x})`;
  if (cond.operator === 'regex') {
    const re = compileRegex(textValue(cond.value as Scalar), { caseInsensitive: !cond.case_sensitive });
    const subject = type === 'string' ? x : `op.lower(${x})`;
    return wrap(`op.match(${subject}, ${re.toString()}) != null`);
  }
  if (cond.operator === 'contains' || cond.operator === 'startswith' || cond.operator === 'endswith') {
    const raw = textValue(cond.value as Scalar);
    const needle = js(cond.case_sensitive ? raw : raw.toLowerCase());
    const fn = cond.operator === 'contains' ? 'includes' : cond.operator;
    return wrap(`op.${fn}(${text}, ${needle})`);
  }
  const converted = convertCondition(cond, type, 'value');
  if ('problem' in converted) return null;
  const folded = type === 'string' && !cond.case_sensitive;
  const subject = folded ? `op.lower(${x})` : x;
  const lits = converted.values.map((v) => js(v));
  switch (cond.operator) {
    case 'eq':
      return wrap(`${subject} === ${lits[0]}`);
    case 'ne':
      return wrap(`${subject} !== ${lits[0]}`);
    case 'in':
      return wrap(`op.includes([${lits.join(', ')}], ${subject})`);
    case 'not_in':
      return wrap(`!op.includes([${lits.join(', ')}], ${subject})`);
  }
  if (type === 'string') return null;
  const jsOps = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  if (cond.operator === 'between') return wrap(`${subject} >= ${lits[0]} && ${subject} <= ${lits[1]}`);
  return wrap(`${subject} ${jsOps[cond.operator]} ${lits[0]}`);
}

/** Plain words for a condition ("age > 18", "status is blank"). */
export function conditionSummary(cond: Condition): string {
  const words: Record<string, string> = { eq: '=', ne: '≠', gt: '>', gte: '>=', lt: '<', lte: '<=', in: 'in', not_in: 'not in', between: 'between', contains: 'contains', startswith: 'starts with', endswith: 'ends with', regex: 'matches' };
  if (cond.operator === 'isnull') return `${cond.column} is blank`;
  if (cond.operator === 'notnull') return `${cond.column} is not blank`;
  const v = cond.value;
  const shown = Array.isArray(v) ? (cond.operator === 'between' ? `${js(v[0])} and ${js(v[1])}` : `[${v.map((e) => js(e)).join(', ')}]`) : js(v);
  return `${cond.column} ${words[cond.operator]} ${shown}`;
}
