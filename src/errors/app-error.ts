import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

export interface AppErrorOptions {
  suggestion?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** A failure a user can cause or act on; carries a catalogue code. Anything else is an internal error. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly suggestion?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, detail?: string, options: AppErrorOptions = {}) {
    super(detail ?? ERROR_CATALOGUE[code].message, options.cause ? { cause: options.cause } : undefined);
    this.name = 'AppError';
    this.code = code;
    this.suggestion = options.suggestion;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
