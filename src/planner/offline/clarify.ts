import type { Clarification, ClarificationReason } from '../types.js';

/**
 * Thrown by a rule or the column matcher when the request cannot become steps without a guess: the planner answers
 * the question instead, with no steps (API.md §9.2, "never a guess that silently changes data").
 */
export class NeedsClarification extends Error {
  readonly clarification: Clarification;

  constructor(reason: ClarificationReason, question: string, options: string[] = []) {
    super(question);
    this.name = 'NeedsClarification';
    this.clarification = { reason, question, options };
  }
}

export const ask = (reason: ClarificationReason, question: string, options: string[] = []): never => {
  throw new NeedsClarification(reason, question, options);
};

/** `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
