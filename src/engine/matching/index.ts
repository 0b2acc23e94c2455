/** Schema matching for module runs (API.md §11.2–11.4): contracts, name/type/value scores, optimal assignment. */
export { alternativeNames, buildContract, contractFingerprint, type ContractColumn, type SchemaContract } from './contract.js';
export { normalizeName, spellingVariants, titleCase } from './normalize.js';
export { SYNONYM_GROUPS, firstGroupOf, groupsContaining } from './synonyms.js';
export { nameScore, nameSimilarity, type MatchType, type NameScore } from './name-score.js';
export { semanticSimilarity, typeCompatible } from './semantic-score.js';
export { valueOverlap } from './value-overlap.js';
export { minCostAssignment } from './hungarian.js';
export { optimalAssignment, type Pair } from './assignment.js';
export {
  confidenceLevel,
  matchSchema,
  overallScore,
  pairScore,
  type ColumnMapping,
  type ConfidenceLevel,
  type Discrepancy,
  type IncomingColumn,
  type MatchResult,
} from './match-schema.js';
export { typeDrift } from './type-drift.js';
