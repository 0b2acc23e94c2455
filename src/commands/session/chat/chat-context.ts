import type { Profile } from '../../../engine/profile/types.js';
import { findNode } from '../../../queries/nodes.js';
import type { PlannerInput } from '../../../planner/types.js';
import type { Service } from '../../../service/service.js';
import { fold } from '../../decider.js';
import { sessionDecider, sessionStream } from '../session-decider.js';
import type { SessionState } from '../session-state.js';

const HISTORY = 10;
const VERSION_LABELS = 5;

export async function loadSessionState(service: Pick<Service, 'store'>, sessionId: string): Promise<SessionState> {
  return fold(sessionDecider, await service.store.readStream(sessionStream(sessionId)));
}

export async function currentProfile(service: Pick<Service, 'database'>, state: SessionState): Promise<Profile> {
  const node = await findNode(service.database.db, state.sessionId!, state.currentNodeId!);
  return node.profile_json as Profile;
}

/**
 * What the planner may know (API.md §9.2): the profile, the newest 10 messages (oldest first), the labels of the
 * last 5 versions and the attached tables' names — never the file itself.
 */
export async function plannerInput(service: Pick<Service, 'database'>, state: SessionState, message: string, profile: Profile): Promise<PlannerInput> {
  const db = service.database.db;
  const sessionId = state.sessionId!;
  const messages = await db
    .selectFrom('chat_logs')
    .select(['role', 'content'])
    .where('session_id', '=', sessionId)
    .orderBy('position', 'desc')
    .limit(HISTORY)
    .execute();
  const nodes = await db
    .selectFrom('nodes')
    .select(['name', 'transformation', 'filename'])
    .where('session_id', '=', sessionId)
    .where('discarded', '=', false)
    .orderBy('position', 'desc')
    .limit(VERSION_LABELS)
    .execute();
  return {
    message,
    profile,
    history: messages.reverse().map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content })),
    versionLabels: nodes.reverse().map((n) => n.name ?? n.transformation ?? (n.filename ? `Upload of ${n.filename}` : 'Upload')),
    attachedTables: Object.values(state.tables).map((t) => t.name),
  };
}
