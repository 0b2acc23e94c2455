import type { ChatTurn, PlannerStep } from '../types.js';
import { ask } from './clarify.js';
import type { ColumnMatcher } from './columns/column-matcher.js';
import { matchSegment, type Segment } from './text/segment.js';

const SAME = /^(?:(?:now\s+)?(?:do|apply|repeat)\s+)?(?:the\s+|that\s+|this\s+)?(?:same|it|that|this)(?:\s+(?:thing|again|step|steps))?\s+(?:for|with|to|on)\s+(?:the\s+)?(?<cols>.+?)(?:\s+(?:too|as\s+well))?$|^(?:and\s+|also\s+)*(?:for|with|to)\s+(?<cols2>.+?)\s+(?:too|as\s+well)$/i;

/** The column phrase of "do the same for last_name" / "same for city too", or null. */
export function repeatTarget(seg: Segment): string | null {
  const m = matchSegment(seg, SAME);
  return m ? (m.cols ?? m.cols2 ?? null) : null;
}

/** The newest earlier user message (the chat history is newest last). */
export function previousRequest(history: readonly ChatTurn[] | undefined): string {
  const turn = [...(history ?? [])].reverse().find((t) => t.role === 'user');
  return turn?.content ?? ask('ambiguous', 'Which change should I repeat? Please say it again with the column, e.g. "trim last_name".');
}

/** Every occurrence of the old column name in params (values and object keys) replaced by the new one. */
function renamed(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, renamed(v, from, to)]));
  return value;
}

/**
 * "do the same for last_name": the previous request's steps, with the one column it worked on swapped for each
 * named column. Asks when the previous request touched several columns (which one to swap is a guess).
 */
export function repeatFor(previous: readonly PlannerStep[], touched: readonly string[], target: string, columns: ColumnMatcher): PlannerStep[] {
  if (touched.length !== 1) {
    return ask('ambiguous', `The previous request worked on ${touched.length === 0 ? 'no column' : touched.join(', ')}. Please say the whole request again for ${target}.`);
  }
  const [from] = touched;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return columns.many(target).flatMap((to) =>
    previous.map((s) => ({ op: s.op, params: renamed(s.params, from, to) as Record<string, unknown>, explanation: s.explanation.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'gu'), to) })),
  );
}
