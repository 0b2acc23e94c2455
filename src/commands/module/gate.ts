import type { ConfidenceLevel } from '../../engine/matching/index.js';

/** Run gating (API.md §11.5): HIGH runs; MEDIUM waits unless forced; LOW and NO_MATCH are refused, forced or not. */
export function gateRun(level: ConfidenceLevel, force: boolean): 'run' | 'confirm' | 'refuse' {
  if (level === 'HIGH') return 'run';
  if (level === 'MEDIUM') return force ? 'run' : 'confirm';
  return 'refuse';
}

export const CONFIRM_MESSAGE = 'Schema has some differences. Please confirm to proceed.';
export const LOW_MESSAGE = 'Schema confidence too low. Please review column mappings.';

const first10 = (names: readonly string[]): string => (names.length === 0 ? '(none)' : names.slice(0, 10).join(', ') + (names.length > 10 ? `, … (${names.length} in all)` : ''));

/** The refusal's message: the level's sentence, then what is missing and what was not expected (first 10 each). */
export function refusalMessage(
  level: 'LOW' | 'NO_MATCH',
  score: number,
  columns: { missing: readonly string[]; unexpected: readonly string[]; file: readonly string[]; expected: readonly string[] },
): string {
  const lines = level === 'LOW' ? [LOW_MESSAGE] : [`Schema Mismatch (Confidence: ${score}%)`];
  lines.push(`Missing columns: ${first10(columns.missing)}`, `Unexpected columns: ${first10(columns.unexpected)}`);
  if (level === 'NO_MATCH') lines.push(`Your file's columns: ${first10(columns.file)}`, `Expected columns: ${first10(columns.expected)}`);
  return lines.join('\n');
}
