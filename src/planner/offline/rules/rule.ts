import type { ColumnProfile, Profile } from '../../../engine/index.js';
import type { Schema } from '../../../engine/plan/index.js';
import type { PlannerStep } from '../../types.js';
import type { ColumnMatcher } from '../columns/column-matcher.js';
import type { Segment } from '../text/segment.js';

/** What a rule may read: the profile, the columns as they are at this point of the plan, and the matcher. */
export interface RuleContext {
  profile: Profile;
  /** Names and types after the steps planned so far in this message. */
  schema: Schema;
  columns: ColumnMatcher;
  attachedTables: readonly string[];
  /** Steps planned earlier in this message. */
  previous: readonly PlannerStep[];
}

export interface RuleResult {
  steps: PlannerStep[];
  /** How sure the rule is of its reading (the column matches lower it further). */
  confidence: number;
}

/** One family of phrasings. Returns null when the request is not phrased this way; throws NeedsClarification to ask. */
export interface Rule {
  name: string;
  plan(segment: Segment, ctx: RuleContext): RuleResult | null;
}

export function step(op: string, params: Record<string, unknown>, explanation: string): PlannerStep {
  return { op, params, explanation };
}

export const planned = (steps: PlannerStep[], confidence = 0.95): RuleResult => ({ steps, confidence });

export function columnType(ctx: RuleContext, name: string) {
  return ctx.schema.find((c) => c.name === name)?.type;
}

/** The profile of a column that existed before this message (columns made by earlier steps have none). */
export function columnProfile(ctx: RuleContext, name: string): ColumnProfile | undefined {
  return ctx.profile.columns.find((c) => c.name === name);
}

export const isNumericType = (type: string | undefined) => type === 'integer' || type === 'float';

/** Columns whose profile says they hold this kind of value (email, phone, date, …), in table order. */
export function columnsOfKind(ctx: RuleContext, ...kinds: string[]): string[] {
  return ctx.schema
    .map((c) => c.name)
    .filter((name) => {
      const p = columnProfile(ctx, name);
      return p !== undefined && (kinds.includes(p.semantic_type) || kinds.includes(p.inferred_type));
    });
}
