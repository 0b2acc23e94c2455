import type { PlannerStep } from '../types.js';

/** "Remove rows …" → "remove rows …" inside a sentence; names and acronyms keep their case. */
function inSentence(explanation: string): string {
  return /^\p{Lu}\p{Ll}/u.test(explanation) ? explanation[0].toLowerCase() + explanation.slice(1) : explanation;
}

/** The assistant's reply in the original wording: "I'll <explanation>." or a numbered list, then any suggestion. */
export function writeReply(steps: readonly PlannerStep[], suggestion: string | null): string {
  const body =
    steps.length === 1
      ? `I'll ${inSentence(steps[0].explanation)}.`
      : `I'll make ${steps.length} changes:\n${steps.map((s, i) => `${i + 1}. ${s.explanation}.`).join('\n')}`;
  return suggestion ? `${body}${steps.length === 1 ? ' ' : '\n'}${suggestion}` : body;
}
