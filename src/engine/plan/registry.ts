import type { Category, Primitive } from './types.js';

const registry = new Map<string, Primitive>();

/** Registers primitives; a duplicate name is a programming error and fails at start-up. */
export function registerPrimitives(...primitives: Primitive[]): void {
  for (const primitive of primitives) {
    if (registry.has(primitive.name)) throw new Error(`Primitive registered twice: ${primitive.name}`);
    registry.set(primitive.name, primitive);
  }
}

export function getPrimitive(name: string): Primitive | undefined {
  return registry.get(name);
}

export function listPrimitives(category?: Category): Primitive[] {
  return [...registry.values()].filter((p) => !category || p.category === category);
}
