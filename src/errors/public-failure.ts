import { isDatabaseUnavailable } from '../db/unavailable.js';
import { QueueUnavailableError } from '../jobs/queue-errors.js';
import { AppError } from './app-error.js';
import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

/**
 * What a user may be told about a failure: a catalogue code and a sentence without upstream text (Redis, Postgres
 * or Storage messages, SQL, stacks), which go only to the log. Used for API answers and for failures a job records.
 */
export function publicFailure(error: unknown): { code: ErrorCode; detail: string } {
  if (error instanceof QueueUnavailableError) return { code: 'SERVICE_UNAVAILABLE', detail: 'The job queue is temporarily unavailable; try again shortly' };
  if (error instanceof AppError) return { code: error.code, detail: error.message };
  if (isDatabaseUnavailable(error)) return { code: 'SERVICE_UNAVAILABLE', detail: 'The database is temporarily unavailable; try again shortly' };
  return { code: 'INTERNAL_ERROR', detail: ERROR_CATALOGUE.INTERNAL_ERROR.message };
}
