import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { expectedTypes, findColumn, typeSatisfies } from './shared.js';

const validateSchemaParams = params({
  expected_columns: z.array(z.string()).nullable().default(null),
  expected_types: expectedTypes,
  allow_extra_columns: z.boolean().default(true),
  case_sensitive: z.boolean().default(false),
});

type ValidateSchemaParams = z.infer<typeof validateSchemaParams>;

/** `validate_schema` (§4.9): checks names and types against expectations; findings only, never a failure. */
export const validateSchema: Primitive<ValidateSchemaParams> = {
  name: 'validate_schema',
  title: 'Validate the schema',
  category: 'quality',
  description:
    'Checks that the expected columns are present (and no others, when asked) and have the expected types; reports is_valid, errors, warnings and per-column status. The table is unchanged.',
  params: validateSchemaParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const errors: string[] = [];
    const warnings: string[] = [];
    const status: Record<string, 'present' | 'missing'> = {};
    for (const name of p.expected_columns ?? []) {
      const found = findColumn(dt.schema, name, p.case_sensitive);
      status[name] = found ? 'present' : 'missing';
      if (!found) errors.push(`Missing column: ${name}`);
    }
    for (const [name, word] of Object.entries(p.expected_types ?? {})) {
      const found = findColumn(dt.schema, name, p.case_sensitive);
      if (found && !typeSatisfies(word, found.type)) errors.push(`Column '${found.name}' expected ${word}, got ${found.type}`);
    }
    if (p.expected_columns) {
      for (const c of dt.schema) {
        const expected = p.expected_columns.some((e) => (p.case_sensitive ? e === c.name : e.toLowerCase() === c.name.toLowerCase()));
        if (expected) continue;
        if (p.allow_extra_columns) warnings.push(`Extra column: ${c.name}`);
        else errors.push(`Unexpected column: ${c.name}`);
      }
    }
    return { table: dt, metadata: { is_valid: errors.length === 0, errors, warnings, column_status: status } };
  },
  render: (p) => ({ js: mdCall('validate_schema', p, true), sql: null }),
  summary: (p) => `validate the schema${p.expected_columns ? ` against ${p.expected_columns.length} expected columns` : ''}`,
  examples: [
    {
      prompt: 'make sure the file has id, email and signup_date and that signup_date is a date',
      params: { expected_columns: ['id', 'email', 'signup_date'], expected_types: { signup_date: 'date' } },
    },
    { prompt: 'check there are exactly the columns sku, qty and price, nothing else', params: { expected_columns: ['sku', 'qty', 'price'], allow_extra_columns: false } },
  ],
};
