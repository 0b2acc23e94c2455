import type { Projection } from '../projection.js';
import { analyticsAppliesProjection } from './analytics-applies.js';
import { analyticsVersionsProjection } from './analytics-versions.js';
import { chatLogsProjection } from './chat-logs.js';
import { moduleRunsProjection } from './module-runs.js';
import { modulesProjection } from './modules.js';
import { nodesProjection } from './nodes.js';
import { plansProjection } from './plans.js';
import { sessionsProjection } from './sessions.js';
import { sessionTablesProjection } from './session-tables.js';
import { tasksProjection } from './tasks.js';

/** Every read model the projector maintains. */
export const PROJECTIONS: readonly Projection[] = [
  sessionsProjection,
  nodesProjection,
  chatLogsProjection,
  plansProjection,
  tasksProjection,
  sessionTablesProjection,
  modulesProjection,
  moduleRunsProjection,
  analyticsAppliesProjection,
  analyticsVersionsProjection,
];
