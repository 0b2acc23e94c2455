import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { columnValues, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { typeToHold, writeValues, type MaybeType } from '../../values/widen.js';
import { normalizeEnumValues } from '../quality/normalize-enum-values.js';
import { columnTexts, oneColumn } from '../quality/shared.js';
import { buildValueMapping, refineMappingConflict, valueMappingSchema } from '../quality/value-mapping.js';

const standardizeParams = params({
  column,
  mapping: valueMappingSchema('standard'),
  case_sensitive: z.boolean().default(false),
}).superRefine(refineMappingConflict);

type StandardizeParams = z.infer<typeof standardizeParams>;

/**
 * The column's type once the standards are written into it (§2.4). Decided from the params, not the data, so the
 * schema known at validation is the one the run produces.
 */
const outputType = (p: StandardizeParams, type: MaybeType) => Object.keys(p.mapping).reduce<MaybeType>((t, s) => typeToHold(t, s), type) ?? 'string';

/** `standardize_values` (§4.3): whole-value mapping of variants (and the standard itself) onto each standard. */
export const standardizeValues: Primitive<StandardizeParams> = {
  name: 'standardize_values',
  title: 'Standardize values',
  category: 'format',
  description:
    'Replaces each listed variant of a value by its standard spelling (e.g. "USA", "U.S.", "united states" → "United States"); matching is on the whole trimmed value, case-insensitive by default; other values are unchanged.',
  params: standardizeParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: outputType(p, c.type) } : c)),
  run(dt, p) {
    const mapping = buildValueMapping(p.mapping, p.case_sensitive);
    const schema = dt.schema.find((c) => c.name === p.column)!;
    const standards = columnTexts(dt, p.column).map((t) => (t === null ? undefined : mapping.lookup(t)));
    const keys = Object.keys(p.mapping);
    const written = writeValues(schema, columnValues(dt, p.column), keys);
    const converted = new Map(keys.map((k, i) => [k, written.values[i]]));
    const values: CellValue[] = standards.map((s, r) => (s !== undefined ? converted.get(s)! : written.existing[r]));
    return {
      table: setColumns(dt, [{ name: p.column, type: written.type, values }]),
      warnings: written.warning ? [written.warning] : [],
      metadata: { values_standardized: standards.filter((s) => s !== undefined).length },
    };
  },
  render(p, schema) {
    // The same mapping as normalize_enum_values keeping unmapped values: one SQL rendering for both.
    const { sql } = normalizeEnumValues.render({ ...p, unmapped_handling: 'keep' }, schema);
    return { js: mdCall('standardize_values', p), sql };
  },
  summary: (p) => `standardize ${p.column} to ${Object.keys(p.mapping).join(', ')}`,
  examples: [
    {
      prompt: 'standardize the country names: USA, U.S. and United States of America should all be United States',
      params: { column: 'country', mapping: { 'United States': ['USA', 'U.S.', 'United States of America'] } },
    },
    {
      prompt: 'gender: m/male → Male, f/female → Female',
      params: { column: 'gender', mapping: { Male: ['m', 'male'], Female: ['f', 'female'] } },
    },
  ],
};
