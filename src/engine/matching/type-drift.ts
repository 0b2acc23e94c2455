import { parseDateText } from '../values/dates/parse.js';
import { isBooleanWord, isPlaceholder, moneyOf, numberOf, percentOf } from '../profile/value-patterns.js';
import type { CellValue, ColumnType } from '../table.js';
import type { ContractColumn } from './contract.js';
import type { Discrepancy } from './match-schema.js';
import { typeCompatible } from './semantic-score.js';

type Kind = 'number' | 'boolean' | 'date';

const TYPED: Record<string, Kind> = { int64: 'number', float64: 'number', bool: 'boolean', 'datetime64[ns]': 'date' };
const SEMANTIC: Record<string, Kind> = { numeric: 'number', currency: 'number', percentage: 'number', date: 'date', datetime: 'date' };
const COLUMN_KIND: Partial<Record<ColumnType, Kind>> = { integer: 'number', float: 'number', boolean: 'boolean', datetime: 'date' };
const WORDS: Record<Kind, string> = { number: 'numbers', boolean: 'true/false values', date: 'dates' };
const EXAMPLES = 5;

function kindOfValue(value: CellValue): Kind | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return value instanceof Date ? 'date' : null;
}

function reads(kind: Kind, value: CellValue): boolean {
  if (kindOfValue(value) === kind) return true;
  const text = String(value).trim();
  if (kind === 'number') return numberOf(text) !== null || moneyOf(text) !== null || percentOf(text) !== null;
  if (kind === 'boolean') return isBooleanWord(text);
  return parseDateText(text) !== null;
}

/**
 * Type drift (issue 5): a mapped column whose values no longer read as the contract's type. The values are kept as
 * they are — never set to null — and reported. A typed contract column (int64, float64, bool, datetime) drifts when
 * the incoming column was read as another kind; a text column with a numeric or date meaning drifts when the
 * incoming meaning is no longer compatible (the contract's own file may have held a few stray words).
 */
export function typeDrift(
  contract: Pick<ContractColumn, 'name' | 'dtype' | 'semantic_type'>,
  incoming: { name: string; type: ColumnType; semantic_type: string; values: readonly CellValue[] },
): Discrepancy | null {
  const typed = TYPED[contract.dtype];
  const kind = typed ?? SEMANTIC[contract.semantic_type];
  if (!kind) return null;
  if (COLUMN_KIND[incoming.type] === kind) return null;
  if (!typed && typeCompatible(incoming.semantic_type, contract.semantic_type)) return null;
  let nonNull = 0;
  let failed = 0;
  const examples: string[] = [];
  for (const value of incoming.values) {
    if (value === null || (typeof value === 'string' && isPlaceholder(value.trim()))) continue;
    nonNull++;
    if (reads(kind, value)) continue;
    failed++;
    const text = String(value);
    if (examples.length < EXAMPLES && !examples.includes(text)) examples.push(text);
  }
  if (failed === 0) return null;
  const renamed = incoming.name === contract.name ? '' : ` (from '${incoming.name}')`;
  return {
    type: 'type_drift',
    severity: 'warning',
    column: contract.name,
    description: `${failed} of ${nonNull} values in '${contract.name}'${renamed} no longer read as ${WORDS[kind]} (e.g. ${examples.map((e) => `"${e}"`).join(', ')}); they are kept as they are, not set to null.`,
    suggestion: 'Fix these values at the source, or deploy a new module version from a file in this format.',
    affected_count: failed,
    examples,
  };
}
