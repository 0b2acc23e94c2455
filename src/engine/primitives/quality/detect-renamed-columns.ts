import { z } from 'zod';
import { params } from '../../plan/param-types.js';
import { mdCall } from '../../plan/render-helpers.js';
import type { Primitive } from '../../plan/types.js';
import { roundDecimal } from '../../values/numbers.js';

const detectRenamedParams = params({
  expected_columns: z.array(z.string()),
  similarity_threshold: z.number().min(0).max(1).default(0.6),
  check_type_compatibility: z.boolean().default(true),
});

type DetectRenamedParams = z.infer<typeof detectRenamedParams>;

const words = (s: string) => new Set(s.split(/[_\s]+/).filter((w) => w !== ''));

/** Name similarity of §4.9 `detect_renamed_columns`, on lower-cased names, in [0, 1]. */
export function nameSimilarity(first: string, second: string): number {
  const a = first.toLowerCase();
  const b = second.toLowerCase();
  if (a === b) return 1;
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  const maxLen = Math.max(x.length, y.length);
  if (a.includes(b) || b.includes(a)) return Math.min(1, Math.min(x.length, y.length) / maxLen + 0.2);
  let samePosition = 0;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] === y[i]) samePosition++;
  let prefix = 0;
  while (prefix < Math.min(x.length, y.length) && x[prefix] === y[prefix]) prefix++;
  const wa = words(a);
  const wb = words(b);
  const common = [...wa].filter((w) => wb.has(w)).length;
  const wordShare = Math.max(wa.size, wb.size) === 0 ? 0 : common / Math.max(wa.size, wb.size);
  return Math.min(1, samePosition / maxLen + (0.3 * prefix) / maxLen + 0.3 * wordShare);
}

const confidence = (score: number) => (score > 0.8 ? 'high' : score > 0.6 ? 'medium' : 'low');

/** `detect_renamed_columns` (§4.9): suggests which extra column a missing expected column was renamed to. */
export const detectRenamedColumns: Primitive<DetectRenamedParams> = {
  name: 'detect_renamed_columns',
  title: 'Detect renamed columns',
  category: 'quality',
  description:
    'Finds expected columns that are missing and suggests, by name similarity, which extra column each one was probably renamed to. The table is unchanged.',
  params: detectRenamedParams,
  rowsMayChange: false,
  colsMayChange: false,
  columns: () => [],
  outputSchema: (_p, { schema }) => schema,
  run(dt, p) {
    const present = new Set(dt.schema.map((c) => c.name.toLowerCase()));
    const expected = new Set(p.expected_columns.map((e) => e.toLowerCase()));
    const missing = p.expected_columns.filter((e) => !present.has(e.toLowerCase()));
    const extra = dt.schema.filter((c) => !expected.has(c.name.toLowerCase()));
    const suggestions: Record<string, unknown>[] = [];
    for (const name of missing) {
      let best: { column: (typeof extra)[number]; score: number } | null = null;
      for (const column of extra) {
        const score = nameSimilarity(name, column.name);
        if (score >= p.similarity_threshold && (best === null || score > best.score)) best = { column, score };
      }
      if (!best) continue;
      suggestions.push({
        expected: name,
        observed: best.column.name,
        name_similarity: roundDecimal(best.score, 3),
        confidence: confidence(best.score),
        ...(p.check_type_compatibility ? { observed_dtype: best.column.type } : {}),
      });
    }
    return {
      table: dt,
      metadata: {
        missing_columns: missing,
        extra_columns: extra.map((c) => c.name),
        rename_suggestions: suggestions,
        suggestion_count: suggestions.length,
      },
    };
  },
  render: (p) => ({ js: mdCall('detect_renamed_columns', p, true), sql: null }),
  summary: (p) => `look for renamed columns among ${p.expected_columns.length} expected names`,
  examples: [
    { prompt: 'the export should have customer_id, email and phone_number: were any renamed?', params: { expected_columns: ['customer_id', 'email', 'phone_number'] } },
    { prompt: 'find likely renames of order_date and total_amount, even loose matches', params: { expected_columns: ['order_date', 'total_amount'], similarity_threshold: 0.4 } },
  ],
};
