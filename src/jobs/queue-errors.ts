import { AppError } from '../errors/index.js';

/** The queue backend cannot be reached (Redis down, or the queue is closed). The API maps it to 503. */
export class QueueUnavailableError extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('SERVICE_UNAVAILABLE', detail, { cause });
    this.name = 'QueueUnavailableError';
  }
}
