import { AppError } from '../errors/index.js';
import { WrongExpectedVersionError, type AppendResult, type EventMetadata, type EventStore } from '../events/index.js';
import type { DomainEvent } from '../events/catalogue/index.js';
import { fold, type Decider } from './decider.js';

export interface CommandContext {
  /** "now" fixed when the command was accepted. */
  now: Date;
  metadata: EventMetadata;
  idempotencyKey?: string;
  /** If-Match: the stream version the caller last saw; a stale one is a 409, never retried. */
  expectedVersion?: number;
}

export interface CommandResult<State> {
  events: DomainEvent[];
  state: State;
  /** Null when the decision was that nothing happens (an idempotent repeat). */
  append: AppendResult | null;
}

const RETRIES = 3;

/**
 * Load → decide → append with the version that was loaded. A concurrent writer makes the append fail; without
 * If-Match the whole command is retried on fresh state a few times, then answered with 409 VERSION_CONFLICT.
 */
export async function handleCommand<Command, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandResult<State>> {
  for (let attempt = 1; ; attempt++) {
    const past = await store.readStream(streamId);
    const version = past.length === 0 ? 0 : past[past.length - 1].streamVersion;
    if (context.expectedVersion !== undefined && context.expectedVersion !== version) {
      throw versionConflict(streamId, context.expectedVersion, version);
    }
    const state = fold(decider, past);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, append: null };
    try {
      const append = await store.append(streamId, events, version === 0 ? 'no_stream' : version, {
        recordedAt: context.now,
        metadata: context.metadata,
        idempotencyKey: context.idempotencyKey,
      });
      return { events, state: events.reduce(decider.evolve, state), append };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (context.expectedVersion !== undefined || attempt >= RETRIES) throw versionConflict(streamId, version, error.actual);
    }
  }
}

function versionConflict(streamId: string, expected: number, actual: number): AppError {
  return new AppError('VERSION_CONFLICT', `The session changed since version ${expected} (now ${actual}); reload it and try again.`, {
    suggestion: 'GET the resource again for its current version, then retry.',
    details: { stream_id: streamId, expected_version: expected, actual_version: actual },
  });
}
