import type { Primitive } from '../../plan/types.js';
import { compareSchemas } from './compare-schemas.js';
import { detectDistributionDrift } from './detect-distribution-drift.js';
import { detectEnumDrift } from './detect-enum-drift.js';
import { detectFormatDrift } from './detect-format-drift.js';
import { detectHeader } from './detect-header.js';
import { detectNulls } from './detect-nulls.js';
import { detectRenamedColumns } from './detect-renamed-columns.js';
import { generateDriftReport } from './generate-drift-report.js';
import { inferTypes } from './infer-types.js';
import { isDuplicate } from './is-duplicate.js';
import { normalizeBoolean } from './normalize-boolean.js';
import { normalizeEnumValues } from './normalize-enum-values.js';
import { profileColumn } from './profile-column.js';
import { validatePattern } from './validate-pattern.js';
import { validateSchema } from './validate-schema.js';

/** §4.9 quality. */
export const qualityPrimitives: Primitive[] = [
  detectNulls,
  profileColumn,
  validatePattern,
  isDuplicate,
  detectHeader,
  validateSchema,
  inferTypes,
  compareSchemas,
  detectRenamedColumns,
  detectEnumDrift,
  detectFormatDrift,
  detectDistributionDrift,
  normalizeBoolean,
  normalizeEnumValues,
  generateDriftReport,
];
