/**
 * The compact profile of the upload response (API.md §7.1): per-column basics, and issues as
 * sentences — dataset issues first, then `[column] description` in column order, at most 20.
 */
import type { Profile, ProfileSummary } from './types.js';

const MAX_ISSUES = 20;

export function summarizeProfile(profile: Profile): ProfileSummary {
  const issues = [
    ...profile.issues.map((i) => i.description),
    ...profile.columns.flatMap((c) => c.issues.map((i) => `[${c.name}] ${i.description}`)),
  ].slice(0, MAX_ISSUES);
  return {
    row_count: profile.row_count,
    column_count: profile.column_count,
    columns: profile.columns.map((c) => ({
      name: c.name,
      dtype: c.dtype,
      semantic_type: c.semantic_type,
      null_count: c.null_count,
      null_percent: c.null_percent,
      unique_count: c.unique_count,
    })),
    issues,
    duplicate_row_count: profile.duplicate_row_count,
  };
}
