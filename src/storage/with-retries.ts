import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Delay before the second try; doubled for each later one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Runs `run` until it succeeds, fails with an error `isRetryable` refuses, or the tries are used up; the last error
 * is rethrown. The delay is jittered (between half and all of the doubled delay) so many callers that failed together
 * do not retry together.
 */
export async function withRetries<T>(policy: RetryPolicy, run: () => Promise<T>, isRetryable: (error: unknown) => boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error;
      const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(full / 2 + Math.random() * (full / 2));
    }
  }
}
