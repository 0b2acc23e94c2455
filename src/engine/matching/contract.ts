import { createHash } from 'node:crypto';
import type { JsonCell } from '../records.js';
import type { ColumnProfile, Profile } from '../profile/types.js';
import { normalizeName, spellingVariants } from './normalize.js';
import { groupsContaining, SYNONYM_GROUPS } from './synonyms.js';

/** One column of a schema contract (API.md §11.2). Only names, alternatives, types, samples and `required` match. */
export interface ContractColumn {
  name: string;
  alternative_names: string[];
  semantic_type: string;
  dtype: string;
  /** Informative: the profile's inferred type (`integer`, `date`, `string`, …). */
  inferred_type: string;
  expected_pattern: string | null;
  required: boolean;
  nullable: boolean;
  max_null_percent: number;
  sample_values: JsonCell[];
  allowed_values: JsonCell[] | null;
  min_value: JsonCell;
  max_value: JsonCell;
}

export interface SchemaContract {
  version: '1.0';
  created_at: string;
  fingerprint: string;
  required_column_count: number;
  min_row_count: number;
  expected_delimiter: string;
  expected_encoding: string;
  columns: ContractColumn[];
}

const MAX_ALTERNATIVES = 10;

/**
 * The members of every synonym group containing the normalized name (group order), then the spelling variants; the
 * name itself and duplicates removed; at most 10. Deterministic, unlike the original's cut of an unordered set.
 */
export function alternativeNames(name: string): string[] {
  const fromGroups = groupsContaining(normalizeName(name)).flatMap((g) => SYNONYM_GROUPS[g].members);
  const out: string[] = [];
  for (const candidate of [...fromGroups, ...spellingVariants(name)]) {
    if (candidate !== name && !out.includes(candidate)) out.push(candidate);
  }
  return out.slice(0, MAX_ALTERNATIVES);
}

/** First 16 hex characters of the SHA-256 of `name:semantic_type:dtype` joined by `|`. */
export function contractFingerprint(columns: readonly Pick<ContractColumn, 'name' | 'semantic_type' | 'dtype'>[]): string {
  const text = columns.map((c) => `${c.name}:${c.semantic_type}:${c.dtype}`).join('|');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function contractColumn(c: ColumnProfile): ContractColumn {
  const ranged = c.min_value !== null || c.max_value !== null;
  return {
    name: c.name,
    alternative_names: alternativeNames(c.name),
    semantic_type: c.semantic_type,
    dtype: c.dtype,
    inferred_type: c.inferred_type,
    expected_pattern: c.detected_pattern,
    required: true,
    nullable: c.null_percent > 0,
    max_null_percent: round2(Math.max(c.null_percent + 10, 10)),
    sample_values: c.sample_values.filter((v) => v !== null).slice(0, 5),
    allowed_values: c.distribution.is_categorical ? c.distribution.top_values.map((t) => t.value) : null,
    min_value: ranged ? c.min_value : null,
    max_value: ranged ? c.max_value : null,
  };
}

/** The schema contract of a deployed module, built from its root version's profile. Pure: same profile, same contract. */
export function buildContract(profile: Profile, createdAt: string): SchemaContract {
  const columns = profile.columns.map(contractColumn);
  return {
    version: '1.0',
    created_at: createdAt,
    fingerprint: contractFingerprint(columns),
    required_column_count: columns.filter((c) => c.required).length,
    min_row_count: 1,
    expected_delimiter: profile.delimiter_detected,
    expected_encoding: profile.encoding_detected,
    columns,
  };
}
