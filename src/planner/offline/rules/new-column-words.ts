import { listWords } from '../clarify.js';
import { unquote } from '../text/quotes.js';
import type { RuleContext } from './rule.js';

/** Pieces shared by the rules that add a computed column: its optional name, the verb before it, a grouping. */
export const INTO = '(?:\\s+(?:into|in|as|called|named)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?';
export const ADD = '(?:(?:add|create|compute|calculate|get|show|make|work\\s+out|derive|give\\s+me)\\s+)?(?:a\\s+|an\\s+|the\\s+)?(?:new\\s+)?(?:column\\s+(?:with|for)\\s+(?:the\\s+)?)?';
export const BY = '(?:\\s+(?:by|per|for\\s+each|within(?:\\s+each)?|grouped\\s+by|partitioned\\s+by)\\s+(?:the\\s+)?(?<group>.+?))?';

export function nameOr(into: string | undefined, fallback: string): string {
  return into ? unquote(into) : fallback;
}

export const groupOf = (group: string | undefined, ctx: RuleContext) => (group ? ctx.columns.many(group) : null);
export const within = (group: string[] | null) => (group ? ` within each ${listWords(group)}` : '');
