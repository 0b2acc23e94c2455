import type { Risk } from '../risk.js';
import type { Clarification, PlannerKind } from '../../../planner/types.js';
import type { PreparedStep } from '../plan-steps.js';

/** What one chat message did, as POST /chat reports it (API.md §9.2); the route adds the echo and the plan. */
export interface ChatOutcome {
  assistant_response: string;
  new_node_id: string | null;
  steps_added: number[];
  suggested_steps: SuggestedStep[];
  clarification: Clarification | null;
  task_id: string | null;
  requires_confirmation: boolean;
  risk: Risk | null;
  code: 'RISK_CONFIRMATION_REQUIRED' | 'TRANSFORMATION_FAILED' | null;
  planner: PlannerKind | null;
  planner_note: string | null;
}

/** A step the reply proposes without queuing it, shaped like a plan step. */
export interface SuggestedStep {
  transformation_type: string;
  parameters: Record<string, unknown>;
  explanation: string;
  target_columns: string[];
  code_preview: string;
}

export const suggested = (steps: PreparedStep[]): SuggestedStep[] =>
  steps.map((s) => ({ transformation_type: s.op, parameters: s.params, explanation: s.explanation, target_columns: s.target_columns, code_preview: s.code_preview }));

export function outcome(reply: string, fields: Partial<ChatOutcome> = {}): ChatOutcome {
  return {
    assistant_response: reply,
    new_node_id: null,
    steps_added: [],
    suggested_steps: [],
    clarification: null,
    task_id: null,
    requires_confirmation: false,
    risk: null,
    code: null,
    planner: null,
    planner_note: null,
    ...fields,
  };
}
