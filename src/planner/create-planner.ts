import type { Config } from '../config/config.js';
import { createOfflinePlanner } from './offline/index.js';
import { createOpenAIPlanner } from './openai/index.js';
import type { Planner } from './types.js';

/**
 * The planner the environment configures (API.md §9.2): the OpenAI planner when OPENAI_API_KEY is set, with the
 * offline rule planner taking over whenever it fails; the offline planner alone otherwise.
 */
export function createPlanner(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'OPENAI_TIMEOUT_MS'>): Planner {
  const offline = createOfflinePlanner();
  if (!config.OPENAI_API_KEY) return offline;
  return createOpenAIPlanner({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    fallback: offline,
  });
}
