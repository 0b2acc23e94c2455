/** Semantic-type similarity of API.md §11.4. */

const GROUPS: readonly (readonly string[])[] = [
  ['id', 'numeric'],
  ['email', 'phone', 'url'],
  ['date', 'datetime', 'time'],
  ['numeric', 'currency', 'percentage'],
  ['text', 'name', 'category', 'unknown'],
  ['zipcode', 'country', 'state'],
];

const shareGroup = (a: string, b: string): boolean => GROUPS.some((g) => g.includes(a) && g.includes(b));

/** Same type 1.0; either `unknown` 0.5; same group 0.7; else 0.2. */
export function semanticSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === 'unknown' || b === 'unknown') return 0.5;
  return shareGroup(a, b) ? 0.7 : 0.2;
}

/** Same type, either `unknown`, or a shared group. */
export function typeCompatible(a: string, b: string): boolean {
  return a === b || a === 'unknown' || b === 'unknown' || shareGroup(a, b);
}
