import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/commands/decider.js';
import { sessionDecider, type SessionCommand, type UploadedFile } from '../../src/commands/session/session-decider.js';
import type { DomainEvent } from '../../src/events/index.js';

/** given past events, when a command, then these events (or this error) — no I/O. */
function given(...past: DomainEvent[]) {
  const state = fold(sessionDecider, past);
  return { when: (command: SessionCommand) => () => sessionDecider.decide(command, state) };
}

const owner = randomUUID();
const sessionId = randomUUID();
const created: DomainEvent = { type: 'SessionCreated', data: { session_id: sessionId, owner_id: owner, plan_id: randomUUID(), name: null, metadata: {} } };
const file = (nodeId = randomUUID()): UploadedFile => ({
  nodeId,
  messageId: randomUUID(),
  filename: 'leads.csv',
  sizeBytes: 10,
  originalHash: 'sha256:a',
  originalKey: 'sha256/a',
  contentHash: 'sha256:b',
  storageKey: 'sha256/b',
  rowCount: 2,
  columns: [{ name: 'a', type: 'string' }],
  profile: {},
  ingest: {},
  engineVersion: '0.1.0',
});

describe('session decider', () => {
  it('creates a session owned by the actor', () => {
    const events = given().when({ type: 'CreateSession', actor: owner, sessionId, planId: randomUUID(), name: 'Leads', metadata: { a: 1 } })();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'SessionCreated', data: { session_id: sessionId, owner_id: owner, name: 'Leads', metadata: { a: 1 } } });
  });

  it('answers another user exactly like a missing session', () => {
    const other = randomUUID();
    expect(given(created).when({ type: 'ArchiveSession', actor: other, sessionId })).toThrowError(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    expect(given().when({ type: 'ArchiveSession', actor: owner, sessionId })).toThrowError(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
  });

  it('renames and replaces metadata in one command', () => {
    const events = given(created).when({ type: 'UpdateSession', actor: owner, sessionId, name: 'New', metadata: { k: 'v' } })();
    expect(events.map((e) => e.type)).toEqual(['SessionRenamed', 'SessionMetadataUpdated']);
  });

  it('refuses commands on an archived session, and archiving twice', () => {
    const archived: DomainEvent = { type: 'SessionArchived', data: {} };
    expect(given(created, archived).when({ type: 'UpdateSession', actor: owner, sessionId, name: 'x' })).toThrowError(expect.objectContaining({ code: 'SESSION_ARCHIVED' }));
    expect(given(created, archived).when({ type: 'UploadFile', actor: owner, sessionId, file: file() })).toThrowError(expect.objectContaining({ code: 'SESSION_ARCHIVED' }));
    expect(given(created, archived).when({ type: 'ArchiveSession', actor: owner, sessionId })).toThrowError(expect.objectContaining({ code: 'SESSION_ARCHIVED' }));
  });

  it('records an upload as a new root with a welcome message, linking the previous root on re-upload', () => {
    const first = file();
    const events = given(created).when({ type: 'UploadFile', actor: owner, sessionId, file: first })();
    expect(events.map((e) => e.type)).toEqual(['FileUploaded', 'AssistantReplied']);
    expect(events[0]).toMatchObject({ data: { node_id: first.nodeId, previous_root_node_id: null, row_count: 2, column_count: 1 } });
    expect(events[1]).toMatchObject({ data: { node_id: first.nodeId } });
    expect((events[1].data as { content: string }).content).toContain('📊 **leads.csv** loaded!');
    const second = given(created, ...events).when({ type: 'UploadFile', actor: owner, sessionId, file: file() })();
    expect(second[0]).toMatchObject({ data: { previous_root_node_id: first.nodeId } });
  });
});
