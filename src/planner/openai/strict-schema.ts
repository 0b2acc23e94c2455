/**
 * A catalogue params schema (the JSON Schema zod generates for a primitive) rewritten into the subset OpenAI's strict
 * structured outputs accept, with a decoder that turns an answer in that form back into the params the zod schema
 * validates. Strict mode wants every property required, closed objects and no maps, so:
 * - an optional property becomes required and nullable; a null answer for it means "leave it out" (the default);
 * - a map (`{column: value}`) becomes a list of `{key, value}` entries;
 * - keywords outside the documented subset (minLength, pattern, default, $schema, …) are dropped — zod still checks
 *   them when the answer is validated, and a broken answer is sent back for repair.
 */
export type JsonSchema = Record<string, unknown>;
type Decode = (value: unknown) => unknown;

export interface StrictSchema {
  schema: JsonSchema;
  /** null when answers already have the params' shape. */
  decode: Decode | null;
}

/** Keywords strict mode documents as supported, besides the structural ones handled below. */
const KEPT = ['description', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems'];
const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kept(source: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const key of KEPT) if (source[key] !== undefined) out[key] = source[key];
  if (source.const !== undefined) out.enum = [source.const];
  return out;
}

export function acceptsNull(schema: JsonSchema): boolean {
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return Array.isArray(schema.anyOf) && schema.anyOf.some((s) => isObject(s) && acceptsNull(s));
}

function nullable(schema: JsonSchema): JsonSchema {
  if (acceptsNull(schema)) return schema;
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
}

/** Whether a value has the shape of a strict schema (enough to tell the branches of an anyOf apart). */
export function fits(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((s) => fits(s as JsonSchema, value));
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never)) return false;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  return types.length === 0 || types.some((type) => fitsType(type, schema, value));
}

function fitsType(type: string, schema: JsonSchema, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value) && value.every((item) => fits(schema.items as JsonSchema, item));
    case 'object': {
      if (!isObject(value)) return false;
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const keys = Object.keys(properties);
      return Object.keys(value).length === keys.length && keys.every((k) => k in value && fits(properties[k], value[k]));
    }
    default:
      return false;
  }
}

/** Converts one node; throws for a construct strict mode cannot express (the caller leaves that op out). */
export function toStrict(source: JsonSchema): StrictSchema {
  if (Array.isArray(source.anyOf)) return anyOf(source);
  const type = source.type;
  if (Array.isArray(type)) return scalarUnion(source, type as string[]);
  if (type === 'object') return isMap(source) ? mapEntries(source) : object(source);
  if (type === 'array') return array(source);
  if (typeof type === 'string' && SCALARS.has(type)) return { schema: { type, ...kept(source) }, decode: null };
  if (type === undefined && (source.enum !== undefined || source.const !== undefined)) return { schema: kept(source), decode: null };
  throw new Error(`unsupported schema ${JSON.stringify(source).slice(0, 120)}`);
}

function anyOf(source: JsonSchema): StrictSchema {
  const branches = (source.anyOf as JsonSchema[]).map(toStrict);
  // A branch that is itself a plain union (a list of scalar types) is spliced in: one flat list of alternatives.
  const alternatives = branches.flatMap((b) => (b.decode === null && Object.keys(b.schema).join() === 'anyOf' ? (b.schema.anyOf as JsonSchema[]) : [b.schema]));
  const schema: JsonSchema = { ...kept(source), anyOf: alternatives };
  if (branches.every((b) => b.decode === null)) return { schema, decode: null };
  return {
    schema,
    decode: (value) => {
      const branch = branches.find((b) => fits(b.schema, value));
      return branch?.decode ? branch.decode(value) : value;
    },
  };
}

/** `["string", "number", "null"]`: one anyOf branch per type (strict mode documents `[T, "null"]` only). */
function scalarUnion(source: JsonSchema, types: string[]): StrictSchema {
  if (types.some((t) => !SCALARS.has(t))) throw new Error(`unsupported type list ${types.join(', ')}`);
  if (types.length <= 2 && (types.length === 1 || types.includes('null'))) return { schema: { ...kept(source), type: types }, decode: null };
  return { schema: { ...kept(source), anyOf: types.map((t) => ({ type: t })) }, decode: null };
}

const isMap = (source: JsonSchema) =>
  source.properties === undefined && (source.propertyNames !== undefined || isObject(source.additionalProperties));

function mapEntries(source: JsonSchema): StrictSchema {
  const key = toStrict(isObject(source.propertyNames) ? source.propertyNames : { type: 'string' });
  const value = toStrict(isObject(source.additionalProperties) ? source.additionalProperties : { type: 'string' });
  const description = [source.description, 'A mapping written as a list of {key, value} entries.'].filter(Boolean).join(' ');
  return {
    schema: {
      type: 'array',
      description,
      items: { type: 'object', properties: { key: key.schema, value: value.schema }, required: ['key', 'value'], additionalProperties: false },
    },
    decode: (answer) => {
      if (!Array.isArray(answer) || !answer.every((e) => isObject(e) && typeof e.key === 'string' && 'value' in e)) return answer;
      return Object.fromEntries(answer.map((e) => [e.key, value.decode ? value.decode(e.value) : e.value]));
    },
  };
}

function object(source: JsonSchema): StrictSchema {
  const properties = (source.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((source.required ?? []) as string[]);
  const converted: Record<string, JsonSchema> = {};
  const decoders: [string, Decode][] = [];
  const omitWhenNull: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const child = toStrict(property);
    if (required.has(name)) {
      converted[name] = child.schema;
    } else {
      // null stands for "not given" (the default), unless null is a value of its own next to a non-null default.
      const keepsNull = acceptsNull(child.schema) && property.default !== undefined && property.default !== null;
      const hint = keepsNull ? `Optional: default ${JSON.stringify(property.default)}.` : property.default === undefined ? 'Optional: null leaves it out.' : `Optional: null means the default (${JSON.stringify(property.default)}).`;
      const wrapped = nullable(child.schema);
      converted[name] = { ...wrapped, description: [wrapped.description, hint].filter(Boolean).join(' ') };
      if (!keepsNull) omitWhenNull.push(name);
    }
    if (child.decode) decoders.push([name, child.decode]);
  }
  const schema: JsonSchema = { type: 'object', ...kept(source), properties: converted, required: Object.keys(converted), additionalProperties: false };
  if (decoders.length === 0 && omitWhenNull.length === 0) return { schema, decode: null };
  return {
    schema,
    decode: (answer) => {
      if (!isObject(answer)) return answer;
      const out: Record<string, unknown> = { ...answer };
      for (const name of omitWhenNull) if (out[name] === null) delete out[name];
      for (const [name, decode] of decoders) if (name in out && out[name] !== null) out[name] = decode(out[name]);
      return out;
    },
  };
}

/** A tuple (`prefixItems`) becomes a list of exactly that length whose items may be any of the positions' schemas. */
function tuple(source: JsonSchema): StrictSchema {
  const positions = (source.prefixItems as JsonSchema[]).map(toStrict);
  if (positions.some((p) => p.decode !== null)) throw new Error('a tuple of values that need decoding');
  const distinct = positions.map((p) => p.schema).filter((s, i, all) => all.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);
  const items = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
  return { schema: { type: 'array', ...kept(source), items, minItems: positions.length, maxItems: positions.length }, decode: null };
}

function array(source: JsonSchema): StrictSchema {
  if (Array.isArray(source.prefixItems)) return tuple(source);
  if (!isObject(source.items)) throw new Error('an array without one items schema');
  const items = toStrict(source.items);
  const schema: JsonSchema = { type: 'array', ...kept(source), items: items.schema };
  const decodeItem = items.decode;
  return { schema, decode: decodeItem ? (answer) => (Array.isArray(answer) ? answer.map(decodeItem) : answer) : null };
}
