import { getPrimitive, validatePlan, type PlanError, type Schema } from '../../engine/plan/index.js';
import type { PlannerStep } from '../types.js';
import { NeedsClarification } from './clarify.js';

/** Steps as the engine validates them; a seed the command layer would fill in is set to 0 for the check only. */
const asChecked = (steps: readonly PlannerStep[]) =>
  steps.map((s) => ({ op: s.op, params: getPrimitive(s.op)?.needsSeed && s.params.seed === undefined ? { ...s.params, seed: 0 } : s.params }));

function question(error: PlanError): NeedsClarification {
  const detail = error.message.replace(/^Step \d+(?: \([a-z_]+\))?(?: [\w.[\]]+)?: /, '');
  switch (error.code) {
    case 'COLUMN_NOT_FOUND':
      return new NeedsClarification('unknown_column', `${detail}`, error.suggestion ? [error.suggestion] : (error.columns ?? []));
    case 'COLUMN_EXISTS':
      return new NeedsClarification('ambiguous', `${detail.replace(/\.$/, '')}. Which name should the new column get?`);
    case 'TABLE_NOT_FOUND':
      return new NeedsClarification('unsupported', detail, error.tables ?? []);
    case 'TYPE_MISMATCH':
      return new NeedsClarification('unsupported', `I can't do that on this data: ${detail}`);
    default:
      return new NeedsClarification('ambiguous', `I couldn't build a valid step: ${detail}`);
  }
}

export interface CheckedPlan {
  /** The schema after the steps, or 'dynamic' when it depends on the data (pivot, applied header or types). */
  schema: Schema | 'dynamic';
  /** Per step: the input columns it reads or writes (from the catalogue's own reference lists). */
  references: string[][];
}

/**
 * Validates the planned steps with the engine against the profile's columns, exactly as the chat command will.
 * A planner never hands back an invalid step: a problem becomes a question instead.
 */
export function checkSteps(steps: readonly PlannerStep[], schema: Schema): CheckedPlan {
  // Attached tables are known by name only here: steps from the first one that reads a table on are checked for
  // their parameters, and their references when the chat command validates them with the tables at hand.
  const firstTable = steps.findIndex((s) => (getPrimitive(s.op)?.tableParams ?? []).length > 0);
  const checked = asChecked(firstTable === -1 ? steps : steps.slice(0, firstTable));
  const result = validatePlan(checked, schema);
  if (result.errors.length > 0) throw question(result.errors[0]);
  const references = result.steps.map((v) => v.primitive.columns(v.params).map((r) => r.column));
  if (firstTable === -1) return { schema: result.schema ?? 'dynamic', references };
  asChecked(steps.slice(firstTable)).forEach((s) => {
    const primitive = getPrimitive(s.op)!;
    const parsed = primitive.params.safeParse(s.params);
    if (!parsed.success) throw new NeedsClarification('ambiguous', `I couldn't build a valid step: ${parsed.error.issues[0]?.message ?? 'invalid parameters'}`);
    references.push(primitive.columns(parsed.data).map((r) => r.column));
  });
  return { schema: 'dynamic', references };
}
