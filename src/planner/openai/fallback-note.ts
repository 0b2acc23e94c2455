import OpenAI from 'openai';

/** The model answered, but not with a usable plan, on the first try and on the repair try. */
export class InvalidAnswerError extends Error {
  override name = 'InvalidAnswerError';
  constructor(readonly errors: readonly string[]) {
    super(`invalid answer: ${errors.join('; ')}`);
  }
}

/** The model declined (a structured-output refusal). */
export class RefusalError extends Error {
  override name = 'RefusalError';
}

/** The whole planning call (both tries, SDK retries included) ran past its time. */
export class PlannerTimeoutError extends Error {
  override name = 'PlannerTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Why the offline planner answered instead, in words for the person reading the reply (`planner_note`). */
export function fallbackNote(error: unknown): string {
  const tail = 'the offline planner answered instead.';
  if (error instanceof PlannerTimeoutError || error instanceof OpenAI.APIConnectionTimeoutError) {
    const within = error instanceof PlannerTimeoutError ? ` within ${error.timeoutMs} ms` : '';
    return `The OpenAI planner did not answer${within}; ${tail}`;
  }
  if (error instanceof InvalidAnswerError) {
    return `The OpenAI planner's answer was invalid twice (${clip(error.errors.join('; '))}); ${tail}`;
  }
  if (error instanceof RefusalError) return `The OpenAI model declined the request (${clip(error.message)}); ${tail}`;
  if (error instanceof OpenAI.APIConnectionError) return `The OpenAI API could not be reached (${clip(error.message)}); ${tail}`;
  if (error instanceof OpenAI.RateLimitError) return `The OpenAI API is rate limiting requests (HTTP 429); ${tail}`;
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return `The OpenAI API failed (HTTP ${error.status}: ${clip(error.message)}); ${tail}`;
  }
  return `The OpenAI planner failed (${clip(error instanceof Error ? error.message : String(error))}); ${tail}`;
}
