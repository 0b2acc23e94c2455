import type { Planner } from '../types.js';
import { planMessage } from './plan-message.js';

/**
 * The embedded default planner (no API key): deterministic rules over the message and the profile. The same
 * message and profile always give the same result.
 */
export function createOfflinePlanner(): Planner {
  return {
    kind: 'offline',
    async plan(input, options) {
      options?.signal?.throwIfAborted();
      return planMessage(input);
    },
  };
}
