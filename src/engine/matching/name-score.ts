import { editDistance } from '../values/suggest.js';
import { normalizeName } from './normalize.js';
import { firstGroupOf } from './synonyms.js';

export type MatchType = 'exact' | 'normalized' | 'alternative' | 'synonym' | 'fuzzy' | 'weak';

export interface NameScore {
  score: number;
  matchType: MatchType;
}

/** Levenshtein similarity on normalized names: 1 − distance / longer length. */
export function nameSimilarity(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/** The first tier of API.md §11.4 that applies to incoming name `incoming` against a contract column. */
export function nameScore(incoming: string, contract: { name: string; alternative_names: readonly string[] }): NameScore {
  if (incoming === contract.name) return { score: 1, matchType: 'exact' };
  const i = normalizeName(incoming);
  const c = normalizeName(contract.name);
  if (i === c) return { score: 0.95, matchType: 'normalized' };
  if (contract.alternative_names.some((alt) => normalizeName(alt) === i)) return { score: 0.95, matchType: 'alternative' };
  const group = firstGroupOf(i);
  if (group >= 0 && group === firstGroupOf(c)) return { score: 0.85, matchType: 'synonym' };
  const s = nameSimilarity(i, c);
  return s >= 0.7 ? { score: 0.9 * s, matchType: 'fuzzy' } : { score: 0.5 * s, matchType: 'weak' };
}
