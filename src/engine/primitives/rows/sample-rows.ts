import { z } from 'zod';
import { params, seed } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { takeRows } from '../../table-ops.js';
import { normalizeFloat, roundDecimal } from '../../values/numbers.js';
import { mulberry32, shuffledIndices } from '../../values/random.js';

const sampleParams = params({
  n: z.number().int().min(0).nullable().default(null),
  fraction: z.number().gt(0).max(1).nullable().default(null),
  seed,
  replace: z.boolean().default(false),
}).superRefine((p, ctx) => {
  if (p.n !== null && p.fraction !== null) ctx.addIssue({ code: 'custom', path: [], message: "Specify either 'n' or 'fraction', not both" });
});

type SampleParams = z.infer<typeof sampleParams>;

function sampleSize(p: SampleParams, rows: number): number {
  const size = p.n ?? (p.fraction !== null ? roundDecimal(normalizeFloat(p.fraction * rows) ?? 0, 0) : Math.min(10, rows));
  return p.replace ? size : Math.min(size, rows);
}

/** `sample_rows` (§4.1): a seeded sample (§1.5 draws), output in input order. */
export const sampleRows: Primitive<SampleParams> = {
  name: 'sample_rows',
  title: 'Sample rows',
  category: 'rows',
  description: 'A random sample of n rows or a fraction of the rows (10 rows by default), with or without replacement, reproducible for the seed; rows stay in input order.',
  params: sampleParams,
  rowsMayChange: true,
  colsMayChange: false,
  needsSeed: true,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const rows = rowCount(dt);
    const size = rows === 0 ? 0 : sampleSize(p, rows);
    const rand = mulberry32(p.seed);
    let chosen: number[];
    if (p.replace) chosen = Array.from({ length: size }, () => Math.floor(rand() * rows));
    else chosen = shuffledIndices(rows, rand).slice(0, size);
    chosen.sort((a, b) => a - b);
    const sampled = chosen.length;
    return {
      table: takeRows(dt, chosen),
      metadata: { sampled_rows: sampled, sample_rate: rows === 0 ? 0 : roundDecimal(sampled / rows, 4) },
    };
  },
  render: (p) => ({ js: mdCall('sample_rows', p), sql: null }),
  summary: (p) => `sample ${p.n !== null ? `${p.n} rows` : p.fraction !== null ? `${normalizeFloat(p.fraction * 100)}% of the rows` : 'up to 10 rows'}${p.replace ? ' with replacement' : ''} (seed ${p.seed})`,
  examples: [
    { prompt: 'give me a random sample of 500 rows', params: { n: 500, seed: 42 } },
    { prompt: 'take a random 10% of the data', params: { fraction: 0.1, seed: 42 } },
  ],
};
