import type { ContractColumn, SchemaContract } from './contract.js';
import { optimalAssignment } from './assignment.js';
import { nameScore, type MatchType } from './name-score.js';
import { semanticSimilarity, typeCompatible } from './semantic-score.js';
import { valueOverlap } from './value-overlap.js';

/** What matching needs of an incoming column: its profile's name, types and first values. */
export interface IncomingColumn {
  name: string;
  semantic_type: string;
  dtype: string;
  sample_values: readonly unknown[];
}

export type ConfidenceLevel = 'HIGH' | 'MEDIUM' | 'LOW' | 'NO_MATCH';

export interface ColumnMapping {
  incoming_name: string;
  contract_name: string;
  match_type: MatchType;
  confidence: number;
  type_compatible: boolean;
  notes: string;
}

export interface Discrepancy {
  type: 'type_mismatch' | 'missing_required' | 'extra_column' | 'type_drift' | 'values_nulled' | 'renamed_passthrough';
  severity: 'info' | 'warning' | 'critical';
  column: string;
  description: string;
  suggestion: string;
  affected_count?: number;
  examples?: string[];
}

export interface MatchResult {
  confidence_score: number;
  confidence_level: ConfidenceLevel;
  column_mappings: ColumnMapping[];
  discrepancies: Discrepancy[];
  /** Contract columns with no incoming column, in contract order. */
  missing_columns: string[];
  /** Incoming columns with no contract column, in file order (passed through unchanged). */
  unexpected_columns: string[];
}

const ELIGIBLE_ABOVE = 0.4;
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** HIGH ≥ 85, MEDIUM ≥ 60, LOW ≥ 40, NO_MATCH below; always upper case. */
export function confidenceLevel(score: number): ConfidenceLevel {
  if (score >= 85) return 'HIGH';
  if (score >= 60) return 'MEDIUM';
  if (score >= 40) return 'LOW';
  return 'NO_MATCH';
}

interface PairScore {
  score: number;
  name: number;
  semantic: number;
  overlap: number;
  matchType: MatchType;
}

/** Column score = 0.5·name + 0.3·semantic + 0.2·overlap (to 4 decimals). */
export function pairScore(contract: ContractColumn, incoming: IncomingColumn): PairScore {
  const name = nameScore(incoming.name, contract);
  const semantic = semanticSimilarity(incoming.semantic_type, contract.semantic_type);
  const overlap = valueOverlap(incoming.sample_values, contract.sample_values);
  return { score: round(0.5 * name.score + 0.3 * semantic + 0.2 * overlap, 4), name: name.score, semantic, overlap, matchType: name.matchType };
}

/** `confidence_score = clamp(60·M/R + 40·avg − 15·(R − M), 0, 100)` to 2 decimals; 0 for a contract without columns. */
export function overallScore(required: number, matchedRequired: number, confidences: readonly number[]): number {
  if (required === 0) return 0;
  const avg = confidences.length === 0 ? 0 : confidences.reduce((a, b) => a + b, 0) / confidences.length;
  const raw = (60 * matchedRequired) / required + 40 * avg - 15 * (required - matchedRequired);
  return round(Math.min(100, Math.max(0, raw)), 2);
}

function missingSuggestion(column: ContractColumn): string {
  const alternatives = column.alternative_names.slice(0, 3);
  return alternatives.length > 0
    ? `Add a column named '${column.name}' (also accepted: ${alternatives.join(', ')}).`
    : `Add a column named '${column.name}'.`;
}

/** Matches a file's columns against a contract (API.md §11.4). Pure. */
export function matchSchema(contract: Pick<SchemaContract, 'columns'>, incoming: readonly IncomingColumn[]): MatchResult {
  const columns = contract.columns;
  const scores = columns.map((c) => incoming.map((i) => pairScore(c, i)));
  const pairs = optimalAssignment(columns.length, incoming.length, (c, i) => (scores[c][i].score > ELIGIBLE_ABOVE ? scores[c][i].score : null));

  const mappings: ColumnMapping[] = [];
  const discrepancies: Discrepancy[] = [];
  for (const { contract: c, incoming: i } of pairs) {
    const s = scores[c][i];
    const compatible = typeCompatible(incoming[i].semantic_type, columns[c].semantic_type);
    mappings.push({
      incoming_name: incoming[i].name,
      contract_name: columns[c].name,
      match_type: s.matchType,
      confidence: s.score,
      type_compatible: compatible,
      notes: `Name: ${s.name.toFixed(2)}, Type: ${s.semantic.toFixed(2)}, Values: ${s.overlap.toFixed(2)}`,
    });
    if (!compatible) {
      discrepancies.push({
        type: 'type_mismatch',
        severity: 'warning',
        column: columns[c].name,
        description: `Column '${incoming[i].name}' holds ${incoming[i].semantic_type} values; the module expects ${columns[c].semantic_type} in '${columns[c].name}'.`,
        suggestion: 'Check that the right column was mapped, or fix its values before running.',
      });
    }
  }
  const matched = new Set(pairs.map((p) => p.contract));
  const used = new Set(pairs.map((p) => p.incoming));
  const missing = columns.filter((_, c) => !matched.has(c));
  const unexpected = incoming.filter((_, i) => !used.has(i));
  for (const column of missing) {
    discrepancies.push({
      type: 'missing_required',
      severity: 'critical',
      column: column.name,
      description: `Required column '${column.name}' is missing.`,
      suggestion: missingSuggestion(column),
    });
  }
  for (const column of unexpected) {
    discrepancies.push({
      type: 'extra_column',
      severity: 'info',
      column: column.name,
      description: `Column '${column.name}' is not in the module; it is passed through unchanged.`,
      suggestion: 'Remove it from the file if it is not needed.',
    });
  }
  const required = columns.filter((c) => c.required).length;
  const matchedRequired = columns.filter((c, i) => c.required && matched.has(i)).length;
  const score = overallScore(required, matchedRequired, mappings.map((m) => m.confidence));
  return {
    confidence_score: score,
    confidence_level: confidenceLevel(score),
    column_mappings: mappings,
    discrepancies,
    missing_columns: missing.map((c) => c.name),
    unexpected_columns: unexpected.map((c) => c.name),
  };
}
