/**
 * The one error catalogue (API.md §3): every code the service can emit, its HTTP status and a default message.
 * Engine, commands and API all throw `AppError` with one of these codes; the API maps it to `{detail, code, …}`.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_ERROR: { status: 422, message: 'Request validation failed' },
  UNAUTHORIZED: { status: 401, message: 'Not authenticated' },
  NOT_FOUND: { status: 404, message: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed' },
  SESSION_NOT_FOUND: { status: 404, message: 'Session not found' },
  NODE_NOT_FOUND: { status: 404, message: 'Node not found' },
  RUN_NOT_FOUND: { status: 404, message: 'Run not found' },
  TASK_NOT_FOUND: { status: 404, message: 'Task not found' },
  TABLE_NOT_FOUND: { status: 404, message: 'Table not found' },
  STEP_NOT_FOUND: { status: 404, message: 'Step not found' },
  MESSAGE_NOT_FOUND: { status: 404, message: 'Message not found' },
  SAMPLE_NOT_FOUND: { status: 404, message: 'Sample not found' },
  PRIMITIVE_NOT_FOUND: { status: 404, message: 'Primitive not found' },
  SESSION_ARCHIVED: { status: 400, message: 'Session is archived' },
  NO_DATA: { status: 400, message: 'No data uploaded. Please upload a CSV file first.' },
  MODULE_NOT_DEPLOYED: { status: 400, message: 'No module is deployed' },
  INVALID_STATE: { status: 400, message: 'The current state does not allow this action' },
  INVALID_FILE_TYPE: { status: 400, message: 'Invalid file type' },
  FILE_READ_ERROR: { status: 400, message: 'The file could not be read' },
  FILE_TOO_LARGE: { status: 413, message: 'File too large' },
  CSV_PARSE_ERROR: { status: 422, message: 'The CSV file is malformed' },
  INVALID_PLAN: { status: 422, message: 'Invalid plan' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'Idempotency key reused for a different request' },
  VERSION_CONFLICT: { status: 409, message: 'Version conflict' },
  RATE_LIMITED: { status: 429, message: 'Rate limit exceeded' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Service temporarily unavailable' },
  INTERNAL_ERROR: { status: 500, message: 'An unexpected error occurred' },
  RISK_CONFIRMATION_REQUIRED: { status: 200, message: 'This change needs confirmation' },
  SCHEMA_MISMATCH: { status: 200, message: 'Schema mismatch' },
  TRANSFORMATION_FAILED: { status: 200, message: 'Transformation failed' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}
