import { expect } from 'vitest';
import { getPrimitive, validatePlan } from '../../../src/engine/plan/index.js';
import { createOfflinePlanner } from '../../../src/planner/offline/index.js';
import { schemaFromProfile } from '../../../src/planner/profile-schema.js';
import type { ClarificationReason, PlannerResult } from '../../../src/planner/types.js';
import { profileOf } from './profiles.js';

export { profileOf };

const planner = createOfflinePlanner();

export function plan(message: string, on: string, attachedTables: string[] = []): Promise<PlannerResult> {
  return planner.plan({ message, profile: profileOf(on), attachedTables });
}

/** Every step passes the catalogue's validation on the profile's columns (seeds filled in as the command does). */
export function expectValidSteps(result: PlannerResult, on: string): void {
  const steps = result.steps.map((s) => ({ op: s.op, params: getPrimitive(s.op)?.needsSeed && s.params.seed === undefined ? { ...s.params, seed: 7 } : s.params }));
  const validation = validatePlan(steps, schemaFromProfile(profileOf(on)));
  expect(validation.errors).toEqual([]);
}

export interface ExpectedStep {
  op: string;
  params: Record<string, unknown>;
}

/** One phrasing and the exact steps it must plan. */
export interface PhrasingCase {
  say: string;
  on: string;
  steps: ExpectedStep[];
}

export interface QuestionCase {
  say: string;
  on: string;
  reason: ClarificationReason;
  /** A fragment of the question. */
  asks: string | RegExp;
  options?: string[];
}

export async function expectPlan(c: PhrasingCase): Promise<PlannerResult> {
  const result = await plan(c.say, c.on);
  expect(result.clarification, `"${c.say}" asked: ${result.clarification?.question}`).toBeNull();
  expect(result.steps.map((s) => ({ op: s.op, params: s.params }))).toEqual(c.steps);
  for (const s of result.steps) expect(s.explanation.length).toBeGreaterThan(0);
  expect(result.reply.startsWith("I'll ")).toBe(true);
  expect(result.confidence).toBeGreaterThanOrEqual(0.7);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.planner).toBe('offline');
  expectValidSteps(result, c.on);
  return result;
}

export async function expectQuestion(c: QuestionCase): Promise<PlannerResult> {
  const result = await plan(c.say, c.on);
  expect(result.steps).toEqual([]);
  expect(result.clarification, `"${c.say}" planned ${JSON.stringify(result.steps)}`).not.toBeNull();
  expect(result.clarification!.reason).toBe(c.reason);
  if (typeof c.asks === 'string') expect(result.clarification!.question).toContain(c.asks);
  else expect(result.clarification!.question).toMatch(c.asks);
  if (c.options) expect(result.clarification!.options).toEqual(c.options);
  expect(result.reply).toBe(result.clarification!.question);
  expect(result.confidence).toBeLessThan(0.7);
  return result;
}
