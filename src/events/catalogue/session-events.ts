import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { columnSchema, jsonObject, readOptionsFromIngest, readOptionsSchema, uuid } from './shared.js';

/** Events of the `session-<id>` stream. */
export const SessionCreated = defineEvent(
  'SessionCreated',
  z.object({
    session_id: uuid,
    owner_id: uuid,
    plan_id: uuid,
    name: z.string().nullable(),
    metadata: jsonObject,
  }),
);

export const SessionRenamed = defineEvent('SessionRenamed', z.object({ name: z.string().min(1).max(255) }));

export const SessionMetadataUpdated = defineEvent('SessionMetadataUpdated', z.object({ metadata: jsonObject }));

export const SessionArchived = defineEvent('SessionArchived', z.object({}));

/** A read CSV file as the log knows it: blob contents never enter the log, their hashes and keys do. */
const storedFile = {
  filename: z.string(),
  size_bytes: z.number().int().nonnegative(),
  original_hash: z.string(),
  original_key: z.string(),
  content_hash: z.string(),
  storage_key: z.string(),
  row_count: z.number().int().nonnegative(),
  column_count: z.number().int().nonnegative(),
  columns: z.array(columnSchema),
  profile: jsonObject,
  ingest: jsonObject,
};

/**
 * A new root node: the upload. v2 records the reading options the upload asked for (replay reads the original bytes
 * with exactly these); v1 rows are lifted with the options the reader settled on, which read the bytes identically.
 */
export const FileUploaded = defineEvent(
  'FileUploaded',
  z.object({
    node_id: uuid,
    ...storedFile,
    read_options: readOptionsSchema,
    previous_root_node_id: uuid.nullable(),
    engine_version: z.string(),
  }),
  { schemaVersion: 2, upcasters: { 1: (data) => ({ ...data, read_options: readOptionsFromIngest(data.ingest ?? {}) }) } },
);

const chatMessage = z.object({
  message_id: uuid,
  content: z.string(),
  node_id: uuid.nullable(),
  metadata: jsonObject,
});

export const ChatMessagePosted = defineEvent('ChatMessagePosted', chatMessage);

export const AssistantReplied = defineEvent('AssistantReplied', chatMessage);

/** A secondary table for joins, unions and lookups (API.md §7.2); steps reference it by id. */
export const TableAttached = defineEvent(
  'TableAttached',
  z.object({
    table_id: uuid,
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/),
    ...storedFile,
  }),
);

const planStep = z.object({
  step_id: uuid,
  op: z.string(),
  params: jsonObject,
  explanation: z.string(),
  source: z.enum(['chat', 'api', 'suggestion']),
  target_columns: z.array(z.string()),
  code_preview: z.string(),
});

/**
 * Steps added to the open plan. `step_order` is the plan's full order afterwards, so the projection writes absolute
 * step numbers (applying the event twice changes nothing).
 */
export const PlanStepsAdded = defineEvent(
  'PlanStepsAdded',
  z.object({ plan_id: uuid, steps: z.array(planStep).min(1), step_order: z.array(uuid) }),
);

export const PlanStepRemoved = defineEvent('PlanStepRemoved', z.object({ plan_id: uuid, step_id: uuid, step_order: z.array(uuid) }));

export const PlanCleared = defineEvent('PlanCleared', z.object({ plan_id: uuid }));

const recordedStep = z.object({ step_id: uuid, op: z.string(), params: jsonObject });

/**
 * An apply was accepted: which steps run on which node, with every seed and the reference time filled in, so the
 * worker (and any later replay) runs exactly this.
 */
export const PlanApplyRequested = defineEvent(
  'PlanApplyRequested',
  z.object({
    task_id: uuid,
    plan_id: uuid,
    base_node_id: uuid,
    mode: z.enum(['all', 'steps', 'one_by_one']),
    steps: z.array(recordedStep).min(1),
    /** The plan's order once the applied steps leave it. */
    remaining_order: z.array(uuid),
    reference_time: z.string(),
    tables: z.array(z.object({ id: uuid, name: z.string(), hash: z.string(), storage_key: z.string() })),
    confirmed: z.boolean(),
  }),
);

/** The apply's outcome: new nodes (one, or one per step in one_by_one mode), each a child of the previous. */
export const TransformationApplied = defineEvent(
  'TransformationApplied',
  z.object({
    task_id: uuid,
    nodes: z
      .array(
        z.object({
          node_id: uuid,
          parent_id: uuid,
          steps: z.array(recordedStep),
          transformation: z.string(),
          transformation_code: z.string(),
          content_hash: z.string(),
          storage_key: z.string(),
          row_count: z.number().int().nonnegative(),
          column_count: z.number().int().nonnegative(),
          columns: z.array(columnSchema),
          profile: jsonObject,
          step_stats: z.array(jsonObject),
          checks: jsonObject,
        }),
      )
      .min(1),
    /** The plan's order once the applied steps left it. */
    remaining_order: z.array(uuid),
    engine_version: z.string(),
    rows_before: z.number().int().nonnegative(),
    rows_after: z.number().int().nonnegative(),
    duration_ms: z.number().nonnegative(),
  }),
);

export const TransformationFailed = defineEvent(
  'TransformationFailed',
  z.object({
    task_id: uuid,
    code: z.string(),
    error: z.string(),
    step_index: z.number().int().nullable(),
    step_stats: z.array(jsonObject),
    engine_version: z.string(),
    /** How long the apply ran before it failed (analytics); absent on events recorded before it was added. */
    duration_ms: z.number().nonnegative().optional(),
  }),
);

/**
 * The apply was cancelled (DELETE /tasks/{id}): its third possible outcome. Recorded at once in the session stream,
 * so the session is free again and a worker still running the job finds an outcome and stores nothing.
 */
export const TransformationCancelled = defineEvent(
  'TransformationCancelled',
  z.object({ task_id: uuid, reason: z.string(), was_running: z.boolean() }),
);

/** Rollback, undo and redo move the current pointer; nothing is deleted. */
export const CurrentNodeChanged = defineEvent(
  'CurrentNodeChanged',
  z.object({ from_node_id: uuid, to_node_id: uuid, reason: z.enum(['rollback', 'undo', 'redo']) }),
);

export const NodeRenamed = defineEvent('NodeRenamed', z.object({ node_id: uuid, name: z.string().min(1).max(255) }));

/** A discarded version: hidden from lists, its data kept; the pointer moves to its parent. */
export const NodeHidden = defineEvent('NodeHidden', z.object({ node_id: uuid, new_current_node_id: uuid }));
