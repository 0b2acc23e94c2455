import { z } from 'zod';
import { column, params } from '../../plan/param-types.js';
import { ident, mdCall, sqlLower, sqlText, sqlTrim } from '../../plan/render-helpers.js';
import { StepFailure } from '../../plan/step-failure.js';
import type { Primitive, Warning } from '../../plan/types.js';
import { columnValues, type CellValue } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { typeToHold, writeValues, type MaybeType } from '../../values/widen.js';
import { columnTexts, distinctSamples, oneColumn, scalarText } from './shared.js';
import { buildValueMapping, refineMappingConflict, valueMappingSchema } from './value-mapping.js';

const normalizeEnumParams = params({
  column,
  mapping: valueMappingSchema('canonical'),
  case_sensitive: z.boolean().default(false),
  unmapped_handling: z.enum(['keep', 'null', 'error']).default('keep'),
}).superRefine(refineMappingConflict);

type NormalizeEnumParams = z.infer<typeof normalizeEnumParams>;

/** The column's type once the canonical values are written into it (§2.4). */
const outputType = (p: NormalizeEnumParams, type: MaybeType) => Object.keys(p.mapping).reduce<MaybeType>((t, c) => typeToHold(t, c), type) ?? 'string';

const quotedList = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

/** `normalize_enum_values` (§4.9): maps the variants of each canonical value onto it; unmapped values kept, nulled or failed. */
export const normalizeEnumValues: Primitive<NormalizeEnumParams> = {
  name: 'normalize_enum_values',
  title: 'Normalize category values',
  category: 'quality',
  description:
    'Maps the spellings of each category onto one canonical value (e.g. "NY", "N.Y.", "new york" → "New York"), trimmed and case-insensitive by default; values not in the mapping are kept, set to null, or stop the run.',
  params: normalizeEnumParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: (p) => oneColumn(p.column),
  outputSchema: (p, { schema }) => schema.map((c) => (c.name === p.column ? { name: c.name, type: outputType(p, c.type) } : c)),
  run(dt, p) {
    const mapping = buildValueMapping(p.mapping, p.case_sensitive);
    const schema = dt.schema.find((c) => c.name === p.column)!;
    const texts = columnTexts(dt, p.column);
    const canonicals = texts.map((t) => (t === null ? undefined : mapping.lookup(t)));
    const unmapped = texts.filter((t, r): t is string => t !== null && canonicals[r] === undefined);
    if (unmapped.length > 0 && p.unmapped_handling === 'error') {
      const listed = distinctSamples(unmapped, 5);
      throw new StepFailure('STEP_FAILED', `Unmapped value: "${listed[0]}"${listed.length > 1 ? ` (unmapped values: ${quotedList(listed)})` : ''}`);
    }
    const keys = Object.keys(p.mapping);
    const written = writeValues(schema, columnValues(dt, p.column), keys);
    const converted = new Map(keys.map((k, i) => [k, written.values[i]]));
    const out: CellValue[] = canonicals.map((c, r) => {
      if (c !== undefined) return converted.get(c)!;
      return p.unmapped_handling === 'null' ? null : written.existing[r];
    });
    const warnings: Warning[] = written.warning ? [written.warning] : [];
    return {
      table: setColumns(dt, [{ name: p.column, type: written.type, values: out }]),
      warnings,
      metadata: {
        mapped_count: canonicals.filter((c) => c !== undefined).length,
        unmapped_count: unmapped.length,
        unmapped_values: distinctSamples(unmapped, 20),
        canonical_values: keys,
      },
    };
  },
  render(p, schema) {
    const type = schema.find((c) => c.name === p.column)?.type;
    const js = mdCall('normalize_enum_values', p);
    // SQL only for text columns (other text forms are printed differently by PostgreSQL) and without `error`.
    if (type !== 'string' || p.unmapped_handling === 'error') return { js, sql: null };
    const fold = (t: string) => (p.case_sensitive ? t.trim() : t.trim().toLowerCase());
    const mapping = buildValueMapping(p.mapping, p.case_sensitive);
    const lists = Object.entries(p.mapping).map(([canonical, variants]) => ({
      canonical,
      listed: [...new Set([canonical, ...variants.map(scalarText)].filter((v): v is string => v !== null && mapping.lookup(v) === canonical).map(fold))],
    }));
    const trimmed = sqlTrim(ident(p.column));
    const key = p.case_sensitive ? trimmed : sqlLower(trimmed, lists.flatMap((l) => l.listed));
    const branches = lists.map(({ canonical, listed }) => `WHEN ${key} COLLATE "C" IN (${listed.map(sqlText).join(', ')}) THEN ${sqlText(canonical)}`);
    const otherwise = p.unmapped_handling === 'null' ? 'NULL' : ident(p.column);
    const columns = schema.map((c) => (c.name === p.column ? `CASE ${branches.join(' ')} ELSE ${otherwise} END AS ${ident(c.name)}` : ident(c.name)));
    return { js, sql: `SELECT ${[...columns, '"_row"'].join(', ')} FROM {input} ORDER BY "_row"` };
  },
  summary: (p) => `normalize ${p.column} to ${Object.keys(p.mapping).join(', ')}`,
  examples: [
    {
      prompt: 'clean up state: NY, N.Y. and new york should all be New York; CA and Calif. should be California',
      params: { column: 'state', mapping: { 'New York': ['NY', 'N.Y.'], California: ['CA', 'Calif.'] } },
    },
    {
      prompt: 'status must be active or inactive (A/I); blank out anything else',
      params: { column: 'status', mapping: { active: ['a'], inactive: ['i'] }, unmapped_handling: 'null' },
    },
  ],
};
