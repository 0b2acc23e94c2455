import type { Operator } from '../../../engine/conditions/schema.js';
import type { PlannerStep } from '../../types.js';
import { ask } from '../clarify.js';
import { step, type RuleContext } from '../rules/rule.js';
import type { Scalar } from '../text/values.js';
import { splitClauses } from './clauses.js';
import { typedConditionValue } from './condition-values.js';
import { parseClause, type RawClause } from './parse-clause.js';

export interface FilterCondition {
  column: string;
  operator: Operator;
  value?: Scalar | Scalar[];
}

export interface ParsedConditions {
  conditions: FilterCondition[];
  logic: 'and' | 'or';
  /** The request says the opposite of the operator ("does not contain"): the caller flips keep. */
  negated: boolean;
  /** Conversions that must run first (text holding numbers or dates compared in order). */
  conversions: PlannerStep[];
  /** Columns compared as dates (described with "before"/"after"). */
  dateColumns: string[];
}

const CONTINUES: ReadonlySet<Operator> = new Set(['eq', 'in', 'ne', 'not_in']);

/** "country is US or CA": a bare value after a comparison extends it to a list. */
function extend(previous: RawClause, text: string): RawClause {
  const operator = previous.operator === 'eq' || previous.operator === 'in' ? 'in' : 'not_in';
  return { ...previous, operator, value: `${previous.value}, ${text}` };
}

function conversionStep(column: string, to: 'float' | 'datetime'): PlannerStep {
  return to === 'float'
    ? step('change_column_type', { column, to_type: 'float' }, `Convert ${column} to numbers so it compares as numbers (text that is not a number becomes blank)`)
    : step('change_column_type', { column, to_type: 'datetime' }, `Convert ${column} to dates so it compares as dates (text that is not a date becomes blank)`);
}

/**
 * Reads the condition part of a request ("price > 300 and country is US") into Condition objects (§3) with values
 * typed for their columns. Asks when a clause cannot be read, and when "and" and "or" are mixed (no grouping
 * exists in one step).
 */
export function parseConditions(text: string, ctx: RuleContext): ParsedConditions {
  const clauses = splitClauses(text);
  const raws: RawClause[] = [];
  const joiners = new Set<string>();
  for (const clause of clauses) {
    const parsed = parseClause(clause.text, ctx);
    const previous = raws[raws.length - 1];
    if (parsed && (ctx.columns.resolves(parsed.column) || !previous)) {
      raws.push(parsed);
      if (clause.joiner) joiners.add(clause.joiner);
    } else if (parsed) {
      ctx.columns.one(parsed.column);
    } else if (previous && CONTINUES.has(previous.operator) && previous.value !== null) {
      raws[raws.length - 1] = extend(previous, clause.text);
    } else {
      ask('low_confidence', `I couldn't read the condition '${clause.text}'. Try e.g. "price > 300", "status is inactive" or "email is blank".`);
    }
  }
  // "email or notes is blank": a bare column shares the comparison written after it.
  for (let i = raws.length - 2; i >= 0; i--) {
    const next = raws[i + 1];
    if (raws[i].bare && !next.bare) raws[i] = { ...next, column: raws[i].column, bare: false };
  }
  if (joiners.size > 1) {
    ask('ambiguous', 'The condition mixes "and" and "or". Please split it into separate requests, e.g. one per filter.');
  }
  if (raws.length > 1 && raws.some((r) => r.negated)) {
    ask('ambiguous', `Please ask for the "not" condition ('${raws.find((r) => r.negated)!.column}') as a separate request.`);
  }
  const conditions: FilterCondition[] = [];
  const conversions: PlannerStep[] = [];
  const dateColumns: string[] = [];
  for (const raw of raws) {
    const column = ctx.columns.one(raw.column);
    const { value, convertTo } = typedConditionValue(column, raw.operator, raw.value, ctx);
    if (convertTo && !conversions.some((s) => s.params.column === column)) conversions.push(conversionStep(column, convertTo));
    if (convertTo === 'datetime' || ctx.schema.find((c) => c.name === column)?.type === 'datetime') dateColumns.push(column);
    conditions.push(value === undefined ? { column, operator: raw.operator } : { column, operator: raw.operator, value });
  }
  return { conditions, logic: joiners.has('or') ? 'or' : 'and', negated: raws.length === 1 && raws[0].negated, conversions, dateColumns };
}
