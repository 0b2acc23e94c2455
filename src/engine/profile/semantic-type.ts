/**
 * Semantic type of a column (API.md §8): what its values mean, from their shapes and, where shapes
 * alone are ambiguous, from the column name. Names are split into words (`customer_id`,
 * `customerId` → customer, id), so `paid` or `valid` are never ids. Plain integers are never
 * phones; emails need email-like values. Shares are of the non-placeholder values, so one `N/A`
 * does not hide a numeric column.
 */
import type { ColumnType } from '../table.js';
import type { ColumnScan } from './column-scan.js';
import { share, type TextFacts } from './text-facts.js';
import type { InferredType, SemanticType } from './types.js';

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const hasWord = (words: string[], list: string[]): boolean => words.some((w) => list.includes(w));

const ID_WORDS = ['id', 'uuid', 'guid', 'identifier'];
const ZIP_WORDS = ['zip', 'zipcode', 'postal', 'postcode', 'postalcode'];
const PHONE_WORDS = ['phone', 'tel', 'telephone', 'mobile', 'cell', 'fax'];
const MONEY_WORDS = ['price', 'cost', 'amount', 'revenue', 'salary', 'fee', 'total', 'spend', 'budget', 'payment',
  'balance', 'income', 'sales', 'purchases', 'usd', 'eur', 'gbp'];
const PERCENT_WORDS = ['percent', 'percentage', 'pct', 'discount', 'rate'];
const NAME_WORDS = ['name', 'firstname', 'lastname', 'fullname', 'surname', 'salesperson', 'respondent', 'contact',
  'author', 'owner', 'rep', 'agent', 'employee', 'customer'];
const NOT_PERSON_WORDS = ['product', 'company', 'file', 'user', 'host', 'domain', 'item', 'brand', 'category', 'city',
  'country', 'street', 'state', 'campaign', 'business', 'org', 'organization', 'store', 'shop', 'event', 'table',
  'column', 'sheet', 'project', 'team', 'app', 'id', 'email', 'phone'];

export interface SemanticResult {
  semantic: SemanticType;
  inferred: InferredType;
  dateFormat: string | null;
}

/** Low-cardinality: at most 50 distinct values and at most half as many as there are values. */
export function isCategorical(distinct: number, nonNull: number): boolean {
  return distinct > 0 && distinct <= 50 && distinct <= nonNull * 0.5;
}

function typedSemantic(scan: ColumnScan, words: string[], dateOnly: boolean): SemanticResult {
  const inferred = scan.type === 'datetime' ? (dateOnly ? 'date' : 'datetime') : scan.type;
  const base = { inferred, dateFormat: null } as const;
  const nonNull = scan.rows - scan.nullCount;
  switch (scan.type) {
    case 'boolean':
      return { ...base, semantic: 'boolean' };
    case 'datetime':
      return { semantic: inferred as 'date' | 'datetime', inferred, dateFormat: dateOnly ? '%Y-%m-%d' : '%Y-%m-%d %H:%M:%S' };
    case 'integer':
    case 'float': {
      if (hasWord(words, ID_WORDS) && scan.type === 'integer' && scan.distinct.length >= nonNull * 0.8) {
        return { ...base, semantic: 'id' };
      }
      if (hasWord(words, ZIP_WORDS) && scan.type === 'integer') return { ...base, semantic: 'zipcode' };
      if (hasWord(words, MONEY_WORDS)) return { ...base, semantic: 'currency' };
      if (hasWord(words, PERCENT_WORDS)) return { ...base, semantic: 'percentage' };
      return { ...base, semantic: 'numeric' };
    }
    default:
      return { ...base, semantic: 'text' };
  }
}

function textSemantic(f: TextFacts, words: string[]): SemanticResult {
  const s = (n: number): number => share(f, n);
  const plain = (semantic: SemanticType): SemanticResult => ({ semantic, inferred: 'string', dateFormat: null });
  if (f.sampled === 0) return { semantic: 'unknown', inferred: f.total === 0 ? 'empty' : 'string', dateFormat: null };

  const distinctRatio = f.folded.size / f.sampled;
  if (s(f.email.count) >= 0.8) return plain('email');
  if (s(f.url.count) >= 0.8) return plain('url');
  if (hasWord(words, ID_WORDS) && distinctRatio >= 0.8) return plain('id');
  if (s(f.codes.count) >= 0.9 && distinctRatio >= 0.9 && f.sampled >= 3 && s(f.numbers.count) < 0.5) return plain('id');
  if (s(f.booleanWords.count) >= 0.9 && f.folded.size <= 4) return plain('boolean');

  const dates = f.dates.total;
  if (s(dates) >= 0.8) {
    const withTime = f.datesWithTime >= dates / 2;
    return {
      semantic: withTime ? 'datetime' : 'date',
      inferred: withTime ? 'datetime' : 'date',
      dateFormat: f.dates.dominant()?.[0] ?? null,
    };
  }
  if (s(f.time.count) >= 0.8) return plain('time');

  const marked = (t: { byFormat: Map<string, { count: number }> }): number => {
    let n = 0;
    for (const [format, tally] of t.byFormat) if (format !== 'plain') n += tally.count;
    return n;
  };
  const percentMarked = marked(f.percent);
  if (s(f.percent.total) >= 0.8 && percentMarked > 0 && (s(percentMarked) >= 0.3 || hasWord(words, PERCENT_WORDS))) {
    return plain('percentage');
  }
  const moneyMarked = marked(f.money);
  if (s(f.money.total) >= 0.8 && moneyMarked > 0 && (s(moneyMarked) >= 0.2 || hasWord(words, MONEY_WORDS))) {
    return plain('currency');
  }
  if (s(f.phone.count) >= 0.8 && (s(f.formattedPhone.count) >= 0.3 || hasWord(words, PHONE_WORDS))) {
    return plain('phone');
  }
  if (s(f.zipcode.count) >= 0.9 && hasWord(words, ZIP_WORDS)) return plain('zipcode');
  if (s(f.numbers.count) >= 0.8) {
    // Digits-only text with leading zeros is a code (`007`, `02134`), not a quantity.
    return plain(s(f.zipcode.count) >= 0.9 ? 'zipcode' : 'numeric');
  }
  if (hasWord(words, NAME_WORDS) && !hasWord(words, NOT_PERSON_WORDS) && s(f.personNames.count) >= 0.8) {
    return plain('name');
  }
  if (isCategorical(f.folded.size, f.sampled)) return plain('category');
  return plain('text');
}

export function semanticTypeOf(scan: ColumnScan, facts: TextFacts | null, dateOnly: boolean): SemanticResult {
  const words = nameWords(scan.name);
  if (scan.rows - scan.nullCount === 0) return { semantic: 'unknown', inferred: 'empty', dateFormat: null };
  if (scan.type !== 'string' || !facts) return typedSemantic(scan, words, dateOnly);
  return textSemantic(facts, words);
}

/** A representative pattern: fixed ones for emails and URLs, else the dominant value shape. */
export function detectedPattern(semantic: SemanticType, type: ColumnType, facts: TextFacts | null, dateFormat: string | null): string | null {
  if (dateFormat) return dateFormat;
  if (semantic === 'email') return 'email@domain.com';
  if (semantic === 'url') return 'https://domain/path';
  if (type !== 'string' || !facts || semantic === 'text' || semantic === 'name') return null;
  const dominant = facts.shapes.dominant();
  if (!dominant || dominant[1].count < facts.sampled / 2) return null;
  return dominant[0];
}
