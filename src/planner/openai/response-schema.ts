import { z } from 'zod';
import { catalogueEntry, listPrimitives, type Primitive } from '../../engine/plan/index.js';
import { toStrict, type JsonSchema, type StrictSchema } from './strict-schema.js';

/**
 * The structured-output contract of the OpenAI planner: the JSON schema sent as `response_format` (one anyOf branch
 * per catalogue op, its params generated from the op's own zod schema) and the zod schema the answer's envelope is
 * checked with before its steps go through the catalogue's validation.
 */
const CLARIFICATION_REASONS = ['unknown_column', 'ambiguous', 'low_confidence', 'unsupported'] as const;

export interface OpCatalogue {
  /** Ops whose params strict mode can express, by name, with the decoder back to catalogue params. */
  ops: Map<string, { primitive: Primitive; params: StrictSchema }>;
  /** Ops left out, with the reason (none today; a test keeps it that way). */
  skipped: { op: string; reason: string }[];
}

let cached: OpCatalogue | undefined;

/** Built once per process: the catalogue is fixed once the primitives are registered. */
export function opCatalogue(): OpCatalogue {
  if (cached) return cached;
  const ops: OpCatalogue['ops'] = new Map();
  const skipped: OpCatalogue['skipped'] = [];
  for (const primitive of listPrimitives()) {
    try {
      ops.set(primitive.name, { primitive, params: toStrict(catalogueEntry(primitive).params_schema as JsonSchema) });
    } catch (error) {
      skipped.push({ op: primitive.name, reason: (error as Error).message });
    }
  }
  cached = { ops, skipped };
  return cached;
}

function stepBranch(op: string, params: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      op: { type: 'string', enum: [op] },
      params,
      explanation: { type: 'string', description: 'One plain sentence saying what the step does, e.g. "Remove rows where email is blank".' },
    },
    required: ['op', 'params', 'explanation'],
    additionalProperties: false,
  };
}

/** The `response_format.json_schema.schema`: `{steps, reply, clarification, confidence}`, every field required. */
export function responseJsonSchema(opNames: readonly string[]): JsonSchema {
  const { ops } = opCatalogue();
  return {
    type: 'object',
    properties: {
      steps: {
        type: 'array',
        description: 'The plan steps, in order; empty when asking a clarifying question.',
        items: { anyOf: opNames.map((op) => stepBranch(op, ops.get(op)!.params.schema)) },
      },
      reply: { type: 'string', description: "The reply to the user, e.g. \"I'll remove the 3 rows where email is blank.\"" },
      clarification: {
        anyOf: [
          {
            type: 'object',
            properties: {
              question: { type: 'string' },
              reason: { type: 'string', enum: [...CLARIFICATION_REASONS] },
              options: { type: 'array', items: { type: 'string' }, description: 'Choices to offer: column names, operations or phrasings.' },
            },
            required: ['question', 'reason', 'options'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      confidence: { type: 'number', minimum: 0, maximum: 1, description: 'How sure you are that the steps do what the user meant (0..1).' },
    },
    required: ['steps', 'reply', 'clarification', 'confidence'],
    additionalProperties: false,
  };
}

/** The envelope of an answer; step params are checked afterwards, op by op, by the catalogue. */
export const answerEnvelope = z
  .object({
    steps: z.array(z.object({ op: z.string(), params: z.record(z.string(), z.unknown()), explanation: z.string().trim().min(1) }).strict()),
    reply: z.string(),
    clarification: z.object({ question: z.string().trim().min(1), reason: z.enum(CLARIFICATION_REASONS), options: z.array(z.string()) }).strict().nullable(),
    confidence: z.number().min(0).max(1),
  })
  .strict()
  .refine((a) => a.clarification === null || a.steps.length === 0, { message: 'a clarifying question never comes with steps: give either steps or a clarification', path: ['steps'] })
  .refine((a) => a.clarification !== null || a.steps.length > 0 || a.reply.trim().length > 0, { message: 'give steps, a clarification or at least a reply', path: ['reply'] });

export type AnswerEnvelope = z.infer<typeof answerEnvelope>;
