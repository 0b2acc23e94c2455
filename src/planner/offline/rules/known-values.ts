import type { RuleContext } from './rule.js';
import { columnProfile } from './rule.js';

/** The values the profile shows for a column (top values, then samples), as text. */
export function knownValues(ctx: RuleContext, column: string): string[] {
  const p = columnProfile(ctx, column);
  if (!p) return [];
  const values = [...p.distribution.top_values.map((t) => t.value), ...p.sample_values];
  return [...new Set(values.filter((v) => v !== null).map((v) => String(v)))];
}

/** Whether the text is one whole value of the column as far as the profile shows (trimmed, any case). */
export function isWholeValue(ctx: RuleContext, column: string, text: string): boolean {
  const folded = text.trim().toLowerCase();
  return knownValues(ctx, column).some((v) => v.trim().toLowerCase() === folded);
}

/** Text columns whose known values contain the text (any case), in table order. */
export function columnsContaining(ctx: RuleContext, text: string): string[] {
  const folded = text.toLowerCase();
  return ctx.schema.filter((c) => knownValues(ctx, c.name).some((v) => v.toLowerCase().includes(folded))).map((c) => c.name);
}
