import type { z } from 'zod';
import type { EventDefinition } from '../define-event.js';
import * as moduleEvents from './module-events.js';
import * as sessionEvents from './session-events.js';
import * as taskEvents from './task-events.js';

/** Every event type the log accepts. Appending anything else is rejected. */
export const EVENT_CATALOGUE = { ...sessionEvents, ...moduleEvents, ...taskEvents };

type Catalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof Catalogue;
export type EventData<T extends EventType> = z.infer<Catalogue[T]['schema']>;

/** A new event as commands produce it: type-checked against the catalogue at compile time. */
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

const byType = new Map<string, EventDefinition>(Object.values(EVENT_CATALOGUE).map((d) => [d.type, d]));

export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export { moduleEvents, sessionEvents, taskEvents };
