import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Planner, PlannerInput, PlannerResult } from '../types.js';
import { checkAnswer } from './answer.js';
import { fallbackNote, InvalidAnswerError, PlannerTimeoutError, RefusalError } from './fallback-note.js';
import { plannerMessages, repairMessages } from './prompt.js';
import { opCatalogue, responseJsonSchema, type OpCatalogue } from './response-schema.js';

export interface OpenAIPlannerOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; the SDK's default (api.openai.com) when absent. */
  baseURL?: string;
  model: string;
  /** The whole planning call: both tries and the SDK's retries (default 30 s). */
  timeoutMs?: number;
  /** The SDK's own retries of a 408/409/429/5xx answer or a connection error, per request (default 1). */
  maxRetries?: number;
  /** Answers, with a note saying why, whenever the API fails or the model's answer is invalid twice. */
  fallback: Planner;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 1;

/**
 * The OpenAI planner (issue 4): chat completions with a strict structured output generated from the catalogue's zod
 * schemas; the answer is validated like any plan, an invalid one is sent back once with the problems found, and any
 * failure (timeout, 429, 5xx, network, invalid twice) hands the request to the fallback planner.
 */
export function createOpenAIPlanner(options: OpenAIPlannerOptions): Planner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: timeoutMs, maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES });

  async function complete(body: OpenAI.ChatCompletionCreateParamsNonStreaming, signal: AbortSignal): Promise<string | null> {
    const completion = await untilAborted(client.chat.completions.create(body, { signal }), signal);
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new RefusalError(message.refusal);
    return message?.content ?? null;
  }

  async function ask(input: PlannerInput, catalogue: OpCatalogue, signal: AbortSignal): Promise<PlannerResult> {
    const attached = input.attachedTables ?? [];
    // Ops that join or stack tables are offered only when the session has a table to use with them.
    const opNames = [...catalogue.ops.values()].filter(({ primitive }) => attached.length > 0 || !primitive.tableParams?.length).map(({ primitive }) => primitive.name);
    const body = (messages: ChatCompletionMessageParam[]): OpenAI.ChatCompletionCreateParamsNonStreaming => ({
      model: options.model,
      messages,
      response_format: { type: 'json_schema', json_schema: { name: 'plan', strict: true, schema: responseJsonSchema(opNames) } },
    });
    const messages = plannerMessages(input, catalogue, opNames);
    const first = (await complete(body(messages), signal)) ?? '';
    const checked = checkAnswer(first, input, catalogue);
    if (checked.ok) return checked.result;
    const second = (await complete(body(repairMessages(messages, first, checked.errors)), signal)) ?? '';
    const repaired = checkAnswer(second, input, catalogue);
    if (repaired.ok) return repaired.result;
    throw new InvalidAnswerError(repaired.errors);
  }

  return {
    kind: 'openai',
    async plan(input, planOptions = {}) {
      const caller = planOptions.signal;
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
      try {
        return await ask(input, opCatalogue(), signal);
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        const reason = deadline.aborted ? new PlannerTimeoutError(timeoutMs) : error;
        const result = await options.fallback.plan(input, { signal: caller });
        const note = fallbackNote(reason);
        return { ...result, note: result.note ? `${note} ${result.note}` : note };
      }
    },
  };
}

/**
 * The SDK sleeps through a server's Retry-After without watching the signal; the deadline must hold anyway, so the
 * call is raced against it.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
