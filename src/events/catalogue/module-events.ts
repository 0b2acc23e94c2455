import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { columnSchema, jsonObject, uuid } from './shared.js';

/** Module events of the `session-<id>` stream (API.md §11): deploys, undeploys and runs. */

const chainStep = z.object({
  /** 1-based position in the module's chain. */
  step_number: z.number().int().positive(),
  node_id: uuid,
  step_id: uuid,
  op: z.string(),
  /** As the step ran: every seed and explicit date filled in. */
  params: jsonObject,
  /** The reference instant of the apply that made the node (informative: a run uses its own for "today"). */
  reference_time: z.string(),
});

const tableRef = z.object({ id: uuid, name: z.string(), hash: z.string(), storage_key: z.string() });

/** Module version k: the frozen chain root → deployed node, the attached tables it ran with, and the schema contract. */
export const ModuleDeployed = defineEvent(
  'ModuleDeployed',
  z.object({
    module_version: z.number().int().positive(),
    deployed_node_id: uuid,
    root_node_id: uuid,
    steps: z.array(chainStep),
    tables: z.array(tableRef),
    contract: jsonObject,
  }),
);

export const ModuleUndeployed = defineEvent('ModuleUndeployed', z.object({ module_version: z.number().int().positive() }));

const confidenceLevel = z.enum(['HIGH', 'MEDIUM', 'LOW', 'NO_MATCH']);

/**
 * A file was sent to the module and matched against version `module_version`. The input is already stored (its
 * original bytes and the canonical CSV of how it was read). `task_id` is set when the run was accepted at once
 * (HIGH, or MEDIUM with force); otherwise an AwaitingConfirmation or a Failed follows in the same append.
 */
export const ModuleRunRequested = defineEvent(
  'ModuleRunRequested',
  z.object({
    run_id: uuid,
    module_version: z.number().int().positive(),
    task_id: uuid.nullable(),
    force: z.boolean(),
    reference_time: z.string(),
    input: z.object({
      filename: z.string(),
      size_bytes: z.number().int().nonnegative(),
      original_hash: z.string(),
      original_key: z.string(),
      content_hash: z.string(),
      storage_key: z.string(),
      row_count: z.number().int().nonnegative(),
      column_count: z.number().int().nonnegative(),
      columns: z.array(columnSchema),
      ingest: jsonObject,
    }),
    confidence_score: z.number().min(0).max(100),
    confidence_level: confidenceLevel,
    column_mappings: z.array(jsonObject),
    discrepancies: z.array(jsonObject),
    timings: z.object({ schema_match_ms: z.number().nonnegative(), upload_ms: z.number().nonnegative() }),
  }),
);

export const ModuleRunAwaitingConfirmation = defineEvent('ModuleRunAwaitingConfirmation', z.object({ run_id: uuid, message: z.string() }));

/** A pending run was confirmed: the same run goes on from its stored input as task `task_id`. */
export const ModuleRunConfirmed = defineEvent('ModuleRunConfirmed', z.object({ run_id: uuid, task_id: uuid }));

export const ModuleRunCompleted = defineEvent(
  'ModuleRunCompleted',
  z.object({
    run_id: uuid,
    task_id: uuid,
    status: z.enum(['success', 'warning_confirmed']),
    output_hash: z.string(),
    output_key: z.string(),
    row_count: z.number().int().nonnegative(),
    column_count: z.number().int().nonnegative(),
    columns: z.array(columnSchema),
    step_stats: z.array(jsonObject),
    /** The match's discrepancies and what the run added (values a step set to null), complete. */
    discrepancies: z.array(jsonObject),
    engine_version: z.string(),
    timings: z.object({ schema_match_ms: z.number(), transform_ms: z.number(), upload_ms: z.number() }),
    duration_ms: z.number().nonnegative(),
    message: z.string(),
  }),
);

/**
 * Refused at LOW/NO_MATCH (`SCHEMA_MISMATCH`, no task), a step failed (`TRANSFORMATION_FAILED`), or the job gave up
 * after its last attempt (`SERVICE_UNAVAILABLE` when storage or the database stayed down, `INTERNAL_ERROR`).
 */
export const ModuleRunFailed = defineEvent(
  'ModuleRunFailed',
  z.object({
    run_id: uuid,
    task_id: uuid.nullable(),
    code: z.string(),
    error: z.string(),
    error_details: jsonObject.nullable(),
    step_stats: z.array(jsonObject),
    engine_version: z.string(),
    timings: z.object({ schema_match_ms: z.number(), transform_ms: z.number(), upload_ms: z.number() }),
    duration_ms: z.number().nonnegative(),
  }),
);

export const ModuleRunCancelled = defineEvent('ModuleRunCancelled', z.object({ run_id: uuid, task_id: uuid, reason: z.string() }));
