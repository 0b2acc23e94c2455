import type { DomainEvent } from '../events/catalogue/index.js';
import type { StoredEvent } from '../events/event-store.js';

/**
 * A command's logic without I/O, as in Emmett: `decide(command, state)` returns the new events (or throws an
 * AppError); `evolve(state, event)` folds one past event into the state.
 */
export interface Decider<Command, State> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Pick<StoredEvent, 'type' | 'data'> & Partial<StoredEvent>) => State;
  readonly decide: (command: Command, state: State) => DomainEvent[];
}

export function fold<State>(decider: Pick<Decider<unknown, State>, 'initialState' | 'evolve'>, events: readonly Pick<StoredEvent, 'type' | 'data'>[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}
