import type { Schema } from '../../engine/plan/index.js';
import { schemaFromProfile } from '../profile-schema.js';
import type { ClarificationReason, PlannerInput, PlannerResult, PlannerStep } from '../types.js';
import { ask, NeedsClarification } from './clarify.js';
import { createColumnMatcher } from './columns/column-matcher.js';
import { writeReply } from './reply.js';
import { previousRequest, repeatFor, repeatTarget } from './repeat-request.js';
import { RULES } from './rules/index.js';
import type { RuleContext, RuleResult } from './rules/rule.js';
import { checkSteps } from './step-check.js';
import { suggestionFor } from './suggestions.js';
import { cleanRequest } from './text/normalize.js';
import { toSegment } from './text/segment.js';
import { splitRequests } from './text/split-requests.js';
import { unhandled } from './unhandled.js';
import { askIfVague, askIfVagueAboutColumns } from './vague-requests.js';

/** How sure a question is: only the reason decides it (a question never comes with steps). */
const QUESTION_CONFIDENCE: Record<ClarificationReason, number> = { unknown_column: 0.3, ambiguous: 0.4, low_confidence: 0.3, unsupported: 0.1 };

function clarified(error: NeedsClarification): PlannerResult {
  const c = error.clarification;
  return { planner: 'offline', steps: [], reply: c.question, clarification: c, confidence: QUESTION_CONFIDENCE[c.reason], note: null };
}

/** "do the same for last_name": the previous user message planned again, its one column swapped for the new ones. */
function repeated(input: PlannerInput, target: string, columns: ReturnType<typeof createColumnMatcher>): PlannerResult {
  const before = planMessage({ ...input, message: previousRequest(input.history), history: [] });
  if (before.clarification) ask('ambiguous', `I couldn't repeat the previous request: ${before.clarification.question}`);
  const original = schemaFromProfile(input.profile);
  const touched = [...new Set(checkSteps(before.steps, original).references.flat())];
  const steps = repeatFor(before.steps, touched, target, columns);
  checkSteps(steps, original);
  return { ...before, steps, reply: writeReply(steps, null), confidence: Math.min(before.confidence, columns.lowestScore(), 0.9) };
}

/**
 * The offline planner's whole pass over one message: split it into requests, let the first matching rule plan
 * each (columns matched fuzzily against the columns at that point of the plan), check every step with the engine,
 * and reply in the original wording — or ask one question and plan nothing.
 */
export function planMessage(input: PlannerInput): PlannerResult {
  const original = schemaFromProfile(input.profile);
  const columns = createColumnMatcher(original.map((c) => c.name));
  const steps: PlannerStep[] = [];
  const touched: { step: number; columns: string[] }[] = [];
  let schema: Schema | 'dynamic' = original;
  let confidence = 1;
  try {
    const message = cleanRequest(input.message);
    if (message.length === 0) ask('ambiguous', 'What would you like to change in the data?', ['remove duplicates', 'trim whitespace in every column']);
    askIfVague(toSegment(message), input.profile);
    const repeat = repeatTarget(toSegment(message));
    if (repeat !== null) return repeated(input, repeat, columns);
    for (const request of splitRequests(message, (text) => columns.find(text) !== null)) {
      if (schema === 'dynamic') {
        ask('ambiguous', `After "${steps[steps.length - 1].explanation}" the columns depend on the data. Please ask for "${request}" once this plan is applied.`);
      }
      const segment = toSegment(request);
      askIfVagueAboutColumns(segment, input.profile, columns);
      const ctx: RuleContext = { profile: input.profile, schema: schema as Schema, columns, attachedTables: input.attachedTables ?? [], previous: [...steps] };
      let result: RuleResult | null = null;
      for (const rule of RULES) {
        result = rule.plan(segment, ctx);
        if (result) break;
      }
      if (!result || result.steps.length === 0) unhandled(segment);
      const checked = checkSteps([...steps, ...result!.steps], original);
      const before = new Set((schema as Schema).map((c) => c.name));
      result!.steps.forEach((_, i) => touched.push({ step: steps.length + i, columns: checked.references[steps.length + i] ?? [] }));
      steps.push(...result!.steps);
      confidence = Math.min(confidence, result!.confidence);
      schema = checked.schema;
      if (schema !== 'dynamic') {
        columns.setNames(schema.map((c) => c.name));
        const added = schema.map((c) => c.name).filter((n) => !before.has(n));
        const used = touched.slice(-result!.steps.length).flatMap((t) => t.columns);
        columns.setRecent(added.length > 0 ? added : [...new Set(used)]);
      }
    }
  } catch (error) {
    if (error instanceof NeedsClarification) return clarified(error);
    throw error;
  }
  const finalNames = schema === 'dynamic' ? null : new Set(schema.map((c) => c.name));
  const removed = new Set(original.map((c) => c.name).filter((n) => finalNames !== null && !finalNames.has(n)));
  const suggestion = suggestionFor(steps, touched, input.profile, removed);
  return {
    planner: 'offline',
    steps,
    reply: writeReply(steps, suggestion),
    clarification: null,
    confidence: Math.min(confidence, columns.lowestScore()),
    note: null,
  };
}
