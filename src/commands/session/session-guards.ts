import { AppError } from '../../errors/index.js';
import type { SessionState } from './session-state.js';

/** Another user's session answers exactly like a missing one (API.md §2). */
export function requireSession(state: SessionState, sessionId: string, actor: string): void {
  if (!state.exists || state.ownerId !== actor) {
    throw new AppError('SESSION_NOT_FOUND', `Session not found: ${sessionId}`, {
      suggestion: 'List your sessions with GET /api/v1/sessions.',
      details: { session_id: sessionId },
    });
  }
}

export function requireActive(state: SessionState, sessionId: string): void {
  if (state.archived) {
    throw new AppError('SESSION_ARCHIVED', `Session ${sessionId} is archived; it can be read but not changed.`, {
      details: { session_id: sessionId },
    });
  }
}
