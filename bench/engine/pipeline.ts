/**
 * The benchmark pipeline (issue 3, point 7), once as engine plan steps (PRIMITIVES.md §4 names and params) and once
 * as DuckDB SQL with the same meaning:
 *
 *   parse → remove exact duplicates → drop rows with empty email → trim + lowercase name, lowercase country →
 *   fill empty amount with 0 → total = amount × quantity → drop status = inactive →
 *   grouped: group by country (count, sum total, mean amount, max signup_date) → sort by the sum, descending → CSV
 *   full:    the whole cleaned table → CSV
 */
export type Variant = 'grouped' | 'full';

const CLEAN_STEPS = [
  { op: 'remove_duplicates', params: { subset: null, keep: 'first' } },
  { op: 'filter_rows', params: { conditions: [{ column: 'email', operator: 'isnull' }], keep: false } },
  { op: 'trim_whitespace', params: { columns: ['name'], trim_type: 'both' } },
  { op: 'change_text_casing', params: { column: 'name', case: 'lower' } },
  { op: 'change_text_casing', params: { column: 'country', case: 'lower' } },
  { op: 'fill_blanks', params: { column: 'amount', method: 'value', value: 0 } },
  { op: 'math_operation', params: { new_column: 'total', operation: 'multiply', column1: 'amount', column2: 'quantity' } },
  { op: 'filter_rows', params: { conditions: [{ column: 'status', operator: 'eq', value: 'inactive' }], keep: false } },
];

const GROUP_STEPS = [
  {
    op: 'aggregate',
    params: { group_by: ['country'], aggregations: { id: ['count'], total: ['sum'], amount: ['mean'], signup_date: ['max'] } },
  },
  { op: 'sort_rows', params: { columns: ['total_sum'], ascending: false } },
];

export function planSteps(variant: Variant): { op: string; params: Record<string, unknown> }[] {
  return variant === 'grouped' ? [...CLEAN_STEPS, ...GROUP_STEPS] : CLEAN_STEPS;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The same pipeline in DuckDB. Types come from DuckDB's own CSV sniffer, as a DuckDB user would get them. The
 * full variant keeps the first copy of each duplicate in file order (as remove_duplicates does), so it numbers the
 * rows and orders by the first number; the grouped variant needs no order until the final sort.
 * `status` is compared case-insensitively and nulls survive "drop status = inactive", as in filter_rows (§3.5).
 */
export function duckdbSql(variant: Variant, input: string, output: string): string {
  const source = `read_csv(${sqlText(input)}, header = true)`;
  const cleaned = (rows: string) => `
    SELECT id, lower(trim(name)) AS name, email, lower(country) AS country, signup_date,
           coalesce(amount, 0) AS amount, quantity, coalesce(amount, 0) * quantity AS total, status, phone, notes${rows === 'numbered' ? ', rn' : ''}
    FROM deduped
    WHERE email IS NOT NULL AND (lower(status) <> 'inactive' OR status IS NULL)`;
  if (variant === 'grouped') {
    return `COPY (
      WITH deduped AS (SELECT DISTINCT * FROM ${source}),
           cleaned AS (${cleaned('plain')})
      SELECT country, count(id) AS id_count, sum(total) AS total_sum, avg(amount) AS amount_mean, max(signup_date) AS signup_date_max
      FROM cleaned GROUP BY country ORDER BY total_sum DESC
    ) TO ${sqlText(output)} (HEADER, DELIMITER ',')`;
  }
  return `COPY (
    WITH numbered AS (SELECT *, row_number() OVER () AS rn FROM ${source}),
         deduped AS (SELECT id, name, email, country, signup_date, amount, quantity, status, phone, notes, min(rn) AS rn FROM numbered GROUP BY ALL),
         cleaned AS (${cleaned('numbered')})
    SELECT * EXCLUDE (rn) FROM cleaned ORDER BY rn
  ) TO ${sqlText(output)} (HEADER, DELIMITER ',')`;
}
