import { validatePlan, type PlanError, type ValidatedStep } from '../../engine/plan/index.js';
import { schemaFromProfile } from '../profile-schema.js';
import type { PlannerInput, PlannerResult } from '../types.js';
import { answerEnvelope, type OpCatalogue } from './response-schema.js';

export type CheckedAnswer = { ok: true; result: PlannerResult } | { ok: false; errors: string[] };

/**
 * Reads the model's text as a plan: JSON, the envelope (zod), each step's params decoded back from the strict form
 * and validated by the catalogue against the profile's columns — the same checks the chat command makes, so an
 * answer that would be refused there is sent back for repair here instead.
 */
export function checkAnswer(text: string, input: PlannerInput, catalogue: OpCatalogue): CheckedAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['the answer is not valid JSON'] };
  }
  const envelope = answerEnvelope.safeParse(json);
  if (!envelope.success) {
    return { ok: false, errors: envelope.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`) };
  }
  const answer = envelope.data;
  const steps = answer.steps.map((s) => {
    const decode = catalogue.ops.get(s.op)?.params.decode;
    return { op: s.op, params: (decode ? decode(s.params) : s.params) as Record<string, unknown>, explanation: s.explanation.trim() };
  });
  const validation = validatePlan(steps.map(({ op, params }) => ({ op, params })), schemaFromProfile(input.profile));
  const errors = validation.errors.filter((e) => !(e.code === 'TABLE_NOT_FOUND' && namesAttachedTable(e, validation.steps, input.attachedTables ?? [])));
  if (errors.length > 0) return { ok: false, errors: errors.map((e) => e.message) };
  // The catalogue's normalized params: defaults written out, single columns wrapped, as a recorded step has them.
  const complete = steps.map((s, i) => ({ ...s, params: validation.steps.find((v) => v.index === i)?.params ?? s.params }));
  const clarification = answer.clarification;
  return {
    ok: true,
    result: {
      planner: 'openai',
      steps: clarification ? [] : complete,
      reply: clarification ? clarification.question : answer.reply,
      clarification,
      confidence: answer.confidence,
      note: null,
    },
  };
}

/** The planner knows attached tables by name only; the chat command checks them (and their columns) with the data. */
function namesAttachedTable(error: PlanError, validated: readonly ValidatedStep[], attached: readonly string[]): boolean {
  const step = validated.find((v) => v.index === error.step_index);
  const refs = step?.primitive.tables?.(step.params) ?? [];
  return refs.some((ref) => ref.param === error.param && attached.includes(ref.table));
}
