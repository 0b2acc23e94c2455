import type { PlanErrorCode } from './types.js';

/** Thrown by a primitive for a data-dependent failure its block lists (STEP_FAILED) or a cap (LIMIT_EXCEEDED). */
export class StepFailure extends Error {
  override name = 'StepFailure';
  constructor(
    readonly code: PlanErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}
