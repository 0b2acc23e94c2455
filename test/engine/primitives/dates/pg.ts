import { PGlite } from '@electric-sql/pglite';
import { datetimeText, type DataTable } from '../../../../src/engine/table.js';
import { columnValues } from '../../../../src/engine/table.js';

const PG_TYPE = { integer: 'bigint', float: 'double precision', boolean: 'boolean', datetime: 'timestamp', string: 'text' } as const;

let db: PGlite | null = null;

/** Runs a step's SQL on PGlite over the table (as relation s0 with "_row") and returns the rows as text. */
export async function runSql(dt: DataTable, sql: string): Promise<(string | null)[][]> {
  db ??= new PGlite();
  await db.exec('DROP TABLE IF EXISTS s0');
  const cols = dt.schema.map((c) => `"${c.name}" ${PG_TYPE[c.type]}`).join(', ');
  await db.exec(`CREATE TABLE s0 (${cols}, "_row" bigint)`);
  const n = dt.table.numRows();
  for (let i = 0; i < n; i++) {
    const vals = dt.schema.map((c) => {
      const v = columnValues(dt, c.name)[i];
      return v instanceof Date ? datetimeText(v, { hasTime: true, hasMs: true }) : v;
    });
    const placeholders = [...vals, i + 1].map((_, k) => `$${k + 1}`).join(', ');
    await db.query(`INSERT INTO s0 VALUES (${placeholders})`, [...vals, i + 1]);
  }
  const result = await db.query<Record<string, unknown>>(`SELECT * FROM (${sql.replaceAll('{input}', 's0')}) q`);
  // every value as PostgreSQL prints it
  const text = await db.query<Record<string, string | null>>(
    `SELECT ${result.fields.map((f) => `q."${f.name}"::text AS "${f.name}"`).join(', ')} FROM (${sql.replaceAll('{input}', 's0')}) q`,
  );
  return text.rows.map((r) => result.fields.filter((f) => f.name !== '_row').map((f) => r[f.name]));
}
