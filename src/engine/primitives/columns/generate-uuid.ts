import { z } from 'zod';
import { newColumn, params, seed } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive, Problem } from '../../plan/types.js';
import { StepFailure } from '../../plan/step-failure.js';
import { rowCount } from '../../table.js';
import { setColumns } from '../../table-ops.js';
import { mulberry32 } from '../../values/random.js';
import { columnExists } from './shared.js';

const uuidParams = params({
  new_column: newColumn.default('uuid'),
  format: z.enum(['uuid4', 'uuid1', 'short']).default('uuid4'),
  prefix: z.string().default(''),
  seed,
});
type UuidParams = z.infer<typeof uuidParams>;

const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const layout = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

/** A version-4 id from 16 draws (§4.2). */
function uuid4(rand: () => number): string {
  const b = Array.from({ length: 16 }, () => Math.floor(rand() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return layout(hex(b));
}

/** 100-ns ticks between 1582-10-15 (the Gregorian epoch of RFC 4122) and 1970-01-01. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

/** Version-1 ids: timestamp = ctx.now + row index (in ticks); clock sequence and node drawn once. */
function uuid1Generator(nowMs: number, rand: () => number): (row: number) => string {
  const byte = () => Math.floor(rand() * 256);
  const clockSeq = ((byte() << 8) | byte()) & 0x3fff;
  const node = Array.from({ length: 6 }, byte);
  node[0] |= 0x01; // multicast bit: not a real MAC address
  const clock = hex([((clockSeq >> 8) & 0x3f) | 0x80, clockSeq & 0xff]);
  const base = BigInt(nowMs) * 10000n + GREGORIAN_OFFSET;
  return (row) => {
    const t = base + BigInt(row);
    const low = (t & 0xffffffffn).toString(16).padStart(8, '0');
    const mid = ((t >> 32n) & 0xffffn).toString(16).padStart(4, '0');
    const high = (((t >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
    return `${low}-${mid}-${high}-${clock}-${hex(node)}`;
  };
}

function nowMs(now: string | undefined): number | null {
  if (now === undefined) return null;
  const ms = Date.parse(now);
  return Number.isFinite(ms) ? ms : null;
}

/** `generate_uuid` (§4.2): seeded ids, one per row in row order; the same seed and rows give the same ids. */
export const generateUuid: Primitive<UuidParams> = {
  name: 'generate_uuid',
  title: 'Generate IDs',
  category: 'columns',
  description: 'Adds a column with a unique id per row (uuid4, time-based uuid1, or short 8-character ids), optionally prefixed; reproducible from the step’s seed.',
  params: uuidParams,
  rowsMayChange: false,
  colsMayChange: true,
  needsSeed: true,
  columns: () => [],
  check(p, { schema, ctx }) {
    const problems: Problem[] = columnExists('new_column', p.new_column, schema);
    if (p.format === 'uuid1' && nowMs(ctx.now) === null) {
      problems.push({ code: 'INVALID_PARAM', param: 'format', message: 'uuid1 needs the run’s reference instant (ctx.now), which is missing or not an ISO-8601 instant.' });
    }
    return problems;
  },
  outputSchema: (p, { schema }) => [...schema, { name: p.new_column, type: 'string' }],
  run(dt, p, ctx) {
    const rand = mulberry32(p.seed);
    const rows = rowCount(dt);
    let next: (row: number) => string;
    if (p.format === 'uuid1') {
      const ms = nowMs(ctx.now);
      if (ms === null) throw new StepFailure('STEP_FAILED', 'uuid1 needs the reference instant of the run (ctx.now).', 'format');
      next = uuid1Generator(ms, rand);
    } else {
      next = p.format === 'short' ? () => uuid4(rand).slice(0, 8) : () => uuid4(rand);
    }
    const values = Array.from({ length: rows }, (_, r) => p.prefix + next(r));
    return { table: setColumns(dt, [{ name: p.new_column, type: 'string', values }]), metadata: { format: p.format, uuids_generated: rows } };
  },
  render: (p) => ({ js: mdCall('generate_uuid', p), sql: null }),
  summary: (p) => `add ${p.format} ids in ${p.new_column}${p.prefix ? ` prefixed "${p.prefix}"` : ''}`,
  examples: [
    { prompt: 'give every row a unique id', params: { seed: 12345 } },
    { prompt: 'add short ids called ref starting with "ORD-"', params: { new_column: 'ref', format: 'short', prefix: 'ORD-', seed: 7 } },
  ],
};
