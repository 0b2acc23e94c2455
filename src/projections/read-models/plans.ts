import { defineProjection, streamEntityId } from '../projection.js';

/** `plans` and `plan_steps`: each session's open plan. */
export const plansProjection = defineProjection({
  name: 'plans',
  tables: ['plans', 'plan_steps'],
  handlers: {
    SessionCreated: (e, q) => [
      q
        .insertInto('plans')
        .values({
          id: e.data.plan_id,
          session_id: streamEntityId(e.streamId),
          status: 'planning',
          created_at: e.recordedAt,
          updated_at: e.recordedAt,
          task_id: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .compile(),
    ],
  },
});
