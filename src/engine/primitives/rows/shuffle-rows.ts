import { z } from 'zod';
import { params, seed } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { rowCount } from '../../table.js';
import { takeRows } from '../../table-ops.js';
import { mulberry32, shuffledIndices } from '../../values/random.js';

const shuffleParams = params({ seed });
type ShuffleParams = z.infer<typeof shuffleParams>;

/** `shuffle_rows` (§4.1): row k of the output is input row a[k] of the seeded shuffle (§1.5). */
export const shuffleRows: Primitive<ShuffleParams> = {
  name: 'shuffle_rows',
  title: 'Shuffle rows',
  category: 'rows',
  description: 'Puts the rows in a random order, reproducible for the seed.',
  params: shuffleParams,
  rowsMayChange: false,
  colsMayChange: false,
  needsSeed: true,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    return { table: takeRows(dt, shuffledIndices(rowCount(dt), mulberry32(p.seed))), metadata: { shuffled: true } };
  },
  render: (p) => ({ js: mdCall('shuffle_rows', p), sql: null }),
  summary: (p) => `shuffle the rows (seed ${p.seed})`,
  examples: [
    { prompt: 'shuffle the rows randomly', params: { seed: 12345 } },
    { prompt: 'randomize the order of the participants', params: { seed: 7 } },
  ],
};
