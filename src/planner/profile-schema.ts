import type { ColumnType, Dtype, Profile } from '../engine/index.js';
import type { Schema } from '../engine/plan/index.js';

/** The profile's `dtype` keeps the original vocabulary (API.md §8); each names exactly one engine type (§2.1). */
const TYPE_OF_DTYPE: Record<Dtype, ColumnType> = {
  int64: 'integer',
  float64: 'float',
  bool: 'boolean',
  'datetime64[ns]': 'datetime',
  object: 'string',
};

/** The engine schema (ordered names and types) a profile describes: what planners validate their steps against. */
export function schemaFromProfile(profile: Profile): Schema {
  return profile.columns.map((c) => ({ name: c.name, type: TYPE_OF_DTYPE[c.dtype] }));
}
