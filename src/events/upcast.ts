import { eventDefinition } from './catalogue/index.js';

/** Lifts stored event data to its type's current schema version, one upcaster at a time. */
export function upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: any } {
  const definition = eventDefinition(type);
  if (!definition) return { schemaVersion, data };
  let version = schemaVersion;
  let current = data;
  while (version < definition.schemaVersion) {
    const up = definition.upcasters[version];
    if (!up) throw new Error(`No upcaster for ${type} v${version}`);
    current = up(current);
    version += 1;
  }
  return { schemaVersion: version, data: current };
}
