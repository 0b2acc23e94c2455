import type { CompiledQuery } from 'kysely';
import type { StoredEvent } from '../../events/event-store.js';
import { defineProjection, json, streamEntityId, type QueryBuilder } from '../projection.js';

type ChatEvent = StoredEvent<string, { message_id: string; content: string; node_id: string | null; metadata: object }>;

const insertMessage = (role: 'user' | 'assistant') => (e: ChatEvent, q: QueryBuilder): CompiledQuery[] => [
  q
    .insertInto('chat_logs')
    .values({
      id: e.data.message_id,
      session_id: streamEntityId(e.streamId),
      node_id: e.data.node_id,
      role,
      content: e.data.content,
      metadata: json(e.data.metadata),
      created_at: e.recordedAt,
      position: e.position,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .compile(),
];

/** `chat_logs`: the conversation of each session, user messages and assistant replies. */
export const chatLogsProjection = defineProjection({
  name: 'chat_logs',
  tables: ['chat_logs'],
  handlers: {
    ChatMessagePosted: insertMessage('user'),
    AssistantReplied: insertMessage('assistant'),
  },
});
