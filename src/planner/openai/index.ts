export { createOpenAIPlanner, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type OpenAIPlannerOptions } from './openai-planner.js';
