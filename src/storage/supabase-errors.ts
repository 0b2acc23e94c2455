/**
 * Reading the errors of the Supabase Storage client. Storage reports some failures with the HTTP status and others
 * with HTTP 400 and the real status in the body's `statusCode` (older deployments), so both are consulted. The
 * client's error classes are duck-typed: they come from a transitive package this project does not import.
 */
interface StorageErrorLike {
  name?: string;
  message?: string;
  status?: number;
  statusCode?: string;
}

function fields(error: unknown): StorageErrorLike {
  return typeof error === 'object' && error !== null ? (error as StorageErrorLike) : { message: String(error) };
}

function statuses(error: unknown): number[] {
  const { status, statusCode } = fields(error);
  return [status, Number(statusCode)].filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
}

/** 5xx, 408, 429, network failures and timeouts: worth another try. */
export function isRetryable(error: unknown): boolean {
  const { name } = fields(error);
  if (name === 'StorageUnknownError' || name === 'AbortError' || name === 'TimeoutError') return true;
  if (name === 'TypeError' && /fetch failed/i.test(fields(error).message ?? '')) return true;
  return statuses(error).some((s) => s >= 500 || s === 408 || s === 429);
}

export function isDuplicate(error: unknown): boolean {
  return statuses(error).includes(409) || /already exists|duplicate/i.test(fields(error).message ?? '');
}

function isNotFound(error: unknown): boolean {
  return statuses(error).includes(404) || /not.?found/i.test(fields(error).message ?? '');
}

export function isMissingBucket(error: unknown): boolean {
  return isNotFound(error) && /bucket/i.test(fields(error).message ?? '');
}

/** The object is missing (not the bucket: a missing bucket is a configuration problem, not a missing blob). */
export function isMissingObject(error: unknown): boolean {
  return isNotFound(error) && !/bucket/i.test(fields(error).message ?? '');
}

/** One line for logs and error messages: status and Storage's own message, bounded. */
export function describeStorageError(error: unknown): string {
  const { status, message, name } = fields(error);
  const cause = (error as { originalError?: { cause?: { code?: string } } })?.originalError?.cause?.code;
  const text = [status ? `HTTP ${status}` : name, message, cause].filter(Boolean).join(': ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
