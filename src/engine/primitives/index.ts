import { registerPrimitives } from '../plan/registry.js';
import { calculatePrimitives } from './calculate/index.js';
import { columnsPrimitives } from './columns/index.js';
import { datesPrimitives } from './dates/index.js';
import { formatPrimitives } from './format/index.js';
import { groupsPrimitives } from './groups/index.js';
import { qualityPrimitives } from './quality/index.js';
import { rowsPrimitives } from './rows/index.js';
import { tablesPrimitives } from './tables/index.js';
import { textPrimitives } from './text/index.js';

/** The whole catalogue (PRIMITIVES.md §4), registered once when the engine loads. */
export const ALL_PRIMITIVES = [
  ...rowsPrimitives,
  ...columnsPrimitives,
  ...formatPrimitives,
  ...textPrimitives,
  ...calculatePrimitives,
  ...tablesPrimitives,
  ...groupsPrimitives,
  ...datesPrimitives,
  ...qualityPrimitives,
];

registerPrimitives(...ALL_PRIMITIVES);
