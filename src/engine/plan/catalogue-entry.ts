import { z } from 'zod';
import type { Primitive } from './types.js';

/**
 * A primitive as the catalogue endpoints and the planner prompt show it (API.md §15): generated from the registry,
 * with `params_schema` the JSON Schema (2020-12) of the same zod schema that validates steps.
 */
export function catalogueEntry(primitive: Primitive) {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(primitive.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    schema = { type: 'object', additionalProperties: false };
  }
  return {
    name: primitive.name,
    title: primitive.title,
    category: primitive.category,
    description: primitive.description,
    params_schema: { ...schema, additionalProperties: false },
    may_change_row_count: primitive.rowsMayChange,
    may_change_column_count: primitive.colsMayChange,
    needs_seed: Boolean(primitive.needsSeed),
    needs_reference_date: Boolean(primitive.needsReferenceDate),
    table_params: [...(primitive.tableParams ?? [])],
    examples: primitive.examples,
  };
}
