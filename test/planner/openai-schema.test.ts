import { toStrictJsonSchema } from 'openai/lib/transform';
import { describe, expect, it } from 'vitest';
import { catalogueEntry, listPrimitives } from '../../src/engine/plan/index.js';
import { opCatalogue, responseJsonSchema } from '../../src/planner/openai/response-schema.js';
import { acceptsNull, fits, type JsonSchema } from '../../src/planner/openai/strict-schema.js';

/** What a model following the strict schema would write for params: every key present (null when not given), maps as entries. */
function strictForm(schema: JsonSchema, value: unknown): unknown {
  if (Array.isArray(schema.anyOf)) {
    const branch = (schema.anyOf as JsonSchema[]).find((b) => shapeOf(b, value));
    return branch ? strictForm(branch, value) : value;
  }
  if (schema.type === 'object' && schema.properties === undefined && value && typeof value === 'object') {
    return Object.entries(value).map(([key, v]) => ({ key, value: strictForm(schema.additionalProperties as JsonSchema, v) }));
  }
  if (schema.type === 'object' && value && typeof value === 'object') {
    const properties = schema.properties as Record<string, JsonSchema>;
    const record = value as Record<string, unknown>;
    // Left out: null, except where null is a value of its own next to a non-null default; there the default is written.
    const absent = (s: JsonSchema) => (s.default !== undefined && s.default !== null && acceptsNull(s) ? s.default : null);
    return Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, k in record ? strictForm(s, record[k]) : absent(s)]));
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.items && typeof schema.items === 'object') {
    return value.map((v) => strictForm(schema.items as JsonSchema, v));
  }
  return value;
}

function shapeOf(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).some((b) => shapeOf(b, value));
  const types = ([] as unknown[]).concat(schema.type ?? []);
  return types.some((t) =>
    t === 'null' ? value === null : t === 'array' ? Array.isArray(value) : t === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : t === 'integer' ? Number.isInteger(value) : typeof value === t,
  );
}

describe('the OpenAI planner response schema', () => {
  it('covers every catalogue op and passes the SDK strict-schema check, within the structured-output limits', () => {
    const catalogue = opCatalogue();
    expect(catalogue.skipped).toEqual([]);
    expect([...catalogue.ops.keys()].sort()).toEqual(listPrimitives().map((p) => p.name).sort());
    const schema = responseJsonSchema([...catalogue.ops.keys()]);
    // The SDK's own converter throws for anything strict mode cannot express (optional fields, open objects, tuples…).
    expect(() => toStrictJsonSchema(schema as never)).not.toThrow();
    let properties = 0;
    let enumValues = 0;
    let depth = 0;
    const walk = (node: JsonSchema, level: number) => {
      const here = node.type === 'object' ? level + 1 : level;
      depth = Math.max(depth, here);
      if (Array.isArray(node.enum)) enumValues += node.enum.length;
      for (const child of Object.values((node.properties ?? {}) as Record<string, JsonSchema>)) {
        properties++;
        walk(child, here);
      }
      if (node.items) walk(node.items as JsonSchema, here);
      for (const branch of (node.anyOf ?? []) as JsonSchema[]) walk(branch, here);
    };
    walk(schema, 0);
    // OpenAI's documented limits: 5000 properties, 1000 enum values, 10 levels of nesting.
    expect(properties).toBeLessThan(5000);
    expect(enumValues).toBeLessThan(1000);
    expect(depth).toBeLessThanOrEqual(10);
  });

  it('decodes every catalogue example, written in the strict form, back to the same params', () => {
    const { ops } = opCatalogue();
    let checked = 0;
    for (const primitive of listPrimitives()) {
      const original = catalogueEntry(primitive).params_schema as JsonSchema;
      const { schema, decode } = ops.get(primitive.name)!.params;
      for (const example of primitive.examples) {
        const answer = strictForm(original, example.params);
        expect(fits(schema, answer), `${primitive.name}: ${JSON.stringify(answer)}`).toBe(true);
        const decoded = decode ? decode(answer) : answer;
        expect(primitive.params.parse(decoded), `${primitive.name}: ${example.prompt}`).toEqual(primitive.params.parse(example.params));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(85);
  });

  it('turns optional params into required nullable ones and maps into entry lists', () => {
    const { ops } = opCatalogue();
    const rename = ops.get('rename_columns')!.params;
    expect(rename.schema.properties).toMatchObject({ mapping: { type: 'array', items: { required: ['key', 'value'], additionalProperties: false } } });
    expect(rename.decode!({ mapping: [{ key: 'cust_nm', value: 'customer_name' }] })).toEqual({ mapping: { cust_nm: 'customer_name' } });
    const dedupe = ops.get('remove_duplicates')!.params;
    expect(dedupe.schema.required).toEqual(['subset', 'keep']);
    expect(dedupe.decode!({ subset: ['email'], keep: null })).toEqual({ subset: ['email'] });
  });
});
