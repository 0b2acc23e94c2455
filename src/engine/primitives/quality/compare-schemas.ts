import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues } from '../../table.js';
import { expectedTypes, findColumn, typeSatisfies } from './shared.js';

const compareSchemasParams = params({
  expected_columns: z.array(z.string()),
  expected_types: expectedTypes,
  expected_nullable: z.record(z.string(), z.boolean()).nullable().default(null),
  case_sensitive: z.boolean().default(false),
});

type CompareSchemasParams = z.infer<typeof compareSchemasParams>;

/** `compare_schemas` (§4.9): schema drift against an expected schema; findings only. */
export const compareSchemas: Primitive<CompareSchemasParams> = {
  name: 'compare_schemas',
  title: 'Compare schemas',
  category: 'quality',
  description:
    'Compares the table with an expected schema: missing and extra columns, type mismatches and columns that should not have nulls but do. The table is unchanged.',
  params: compareSchemasParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const same = (a: string, b: string) => (p.case_sensitive ? a === b : a.toLowerCase() === b.toLowerCase());
    const missing: string[] = [];
    const mappings: Record<string, string> = {};
    for (const name of p.expected_columns) {
      const found = findColumn(dt.schema, name, p.case_sensitive);
      if (found) mappings[name] = found.name;
      else missing.push(name);
    }
    const extra = dt.schema.filter((c) => !p.expected_columns.some((e) => same(e, c.name))).map((c) => c.name);
    const mismatches: { column: string; expected_type: string; observed_type: string }[] = [];
    for (const [name, word] of Object.entries(p.expected_types ?? {})) {
      const found = findColumn(dt.schema, name, p.case_sensitive);
      if (found && !typeSatisfies(word, found.type)) mismatches.push({ column: found.name, expected_type: word, observed_type: found.type });
    }
    const violations: { column: string; expected_nullable: false; has_nulls: true; null_count: number }[] = [];
    for (const [name, nullable] of Object.entries(p.expected_nullable ?? {})) {
      const found = findColumn(dt.schema, name, p.case_sensitive);
      if (nullable || !found) continue;
      const nulls = columnValues(dt, found.name).filter((v) => v === null).length;
      if (nulls > 0) violations.push({ column: found.name, expected_nullable: false, has_nulls: true, null_count: nulls });
    }
    const driftCount = missing.length + extra.length + mismatches.length + violations.length;
    return {
      table: dt,
      metadata: {
        missing_columns: missing,
        extra_columns: extra,
        type_mismatches: mismatches,
        nullability_violations: violations,
        column_mappings: mappings,
        has_drift: driftCount > 0,
        drift_count: driftCount,
      },
    };
  },
  render: (p) => ({ js: mdCall('compare_schemas', p, true), sql: null }),
  summary: (p) => `compare the schema with ${p.expected_columns.length} expected columns`,
  examples: [
    {
      prompt: 'has the schema drifted from id (int), name, amount (number), created_at (date)?',
      params: { expected_columns: ['id', 'name', 'amount', 'created_at'], expected_types: { id: 'int', amount: 'number', created_at: 'date' } },
    },
    { prompt: 'customer_id should never be empty and email must exist', params: { expected_columns: ['customer_id', 'email'], expected_nullable: { customer_id: false } } },
  ],
};
