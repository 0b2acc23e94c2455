import type { Profile } from '../engine/index.js';

/**
 * The planner port (issue 4, API.md §9.2): a message plus what the planner may know about the data — the
 * profile (names, types, samples, issues; never the whole file), the newest chat messages and the labels of the
 * last versions — becomes plan steps with an explanation each and a reply, or a clarifying question.
 * Planners never see or change data; the chat command validates their steps against the catalogue before use.
 */
export interface PlannerStep {
  /** A primitive name from the catalogue (PRIMITIVES.md). */
  op: string;
  /** The primitive's complete parameters (validated by the caller with the catalogue's zod schema). */
  params: Record<string, unknown>;
  /** One plain-language sentence, e.g. "Remove rows where email is blank". */
  explanation: string;
}

export type ClarificationReason = 'unknown_column' | 'ambiguous' | 'low_confidence' | 'unsupported';

export interface Clarification {
  question: string;
  reason: ClarificationReason;
  /** Choices offered to the user (column names, op names, phrasings). */
  options: string[];
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface PlannerInput {
  message: string;
  profile: Profile;
  /** Newest last; at most 10. */
  history?: ChatTurn[];
  /** Labels of the last versions (at most 5), newest last. */
  versionLabels?: string[];
  /** Names of tables attached to the session (for join/union/lookup). */
  attachedTables?: string[];
}

export type PlannerKind = 'offline' | 'openai';

export interface PlannerResult {
  planner: PlannerKind;
  /** Empty when `clarification` is set: a question never comes with steps. */
  steps: PlannerStep[];
  /** The assistant's reply text (for a clarification, the question itself). */
  reply: string;
  clarification: Clarification | null;
  /** 0..1; below 0.7 the caller asks instead of queuing. */
  confidence: number;
  /** Why another planner answered (e.g. the OpenAI API failed and the offline planner took over). */
  note: string | null;
}

export interface Planner {
  readonly kind: PlannerKind;
  plan(input: PlannerInput, options?: { signal?: AbortSignal }): Promise<PlannerResult>;
}
