import { ERROR_CATALOGUE, type ErrorCode } from '../errors/index.js';

/** The one error body of API.md §3. */
export interface ErrorBody {
  detail: string;
  code: ErrorCode;
  suggestion?: string;
  details?: Record<string, unknown>;
}

export function errorBody(code: ErrorCode, detail?: string, extra: { suggestion?: string; details?: Record<string, unknown> } = {}): ErrorBody {
  const body: ErrorBody = { detail: detail ?? ERROR_CATALOGUE[code].message, code };
  if (extra.suggestion) body.suggestion = extra.suggestion;
  if (extra.details) body.details = extra.details;
  return body;
}
