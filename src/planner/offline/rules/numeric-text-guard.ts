import { ask } from '../clarify.js';
import { columnProfile, columnType, type RuleContext } from './rule.js';

/**
 * Arithmetic reads text columns through `num()` (§2.3), which blanks "$1,250.00" and "12%". Rather than let a
 * rounding or a sum silently empty those cells, ask the user to clean the column first.
 */
export function requireNumbers(ctx: RuleContext, column: string, action: string): void {
  if (columnType(ctx, column) !== 'string') return;
  const p = columnProfile(ctx, column);
  const kind = p?.semantic_type;
  if (kind === 'numeric') return;
  const example = p?.sample_values.find((v) => v !== null);
  if (kind === 'currency' || kind === 'percentage') {
    ask('ambiguous', `'${column}' is stored as text (e.g. '${String(example)}'), so I can't ${action} it yet. Clean it first, e.g. "remove $ and , from ${column}" then "convert ${column} to number".`, [`remove $ and , from ${column}`, `convert ${column} to number`]);
  }
  ask('ambiguous', `'${column}' holds text${example !== undefined ? ` (e.g. '${String(example)}')` : ''}, not numbers, so I can't ${action} it. Did you mean another column?`, ctx.schema.filter((c) => c.type === 'integer' || c.type === 'float').map((c) => c.name));
}
