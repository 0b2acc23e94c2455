/** Words for the aggregate functions of §2.11, mapped to their canonical names. */
export const AGG_WORDS: Array<[RegExp, string, string]> = [
  [/^(?:number\s+of\s+(?:unique|distinct|different)|count\s+(?:of\s+)?(?:unique|distinct)|unique\s+count|distinct\s+count|nunique)$/i, 'nunique', 'number of distinct'],
  [/^(?:sum|total|sums|totals|sum\s+up|add\s+up)$/i, 'sum', 'total'],
  [/^(?:average|avg|mean|averages|means)$/i, 'mean', 'average'],
  [/^median$/i, 'median', 'median'],
  [/^(?:min|minimum|lowest|smallest|earliest|least)$/i, 'min', 'minimum'],
  [/^(?:max|maximum|highest|largest|biggest|latest|greatest|most\s+recent)$/i, 'max', 'maximum'],
  [/^(?:count|number(?:\s+of)?|counts|how\s+many|no\.?\s+of)$/i, 'count', 'count'],
  [/^(?:std|stdev|standard\s+deviation|std\s+dev)$/i, 'std', 'standard deviation'],
  [/^(?:var|variance)$/i, 'var', 'variance'],
  [/^first$/i, 'first', 'first'],
  [/^last$/i, 'last', 'last'],
  [/^(?:list|concat|concatenation|all)$/i, 'concat', 'list'],
];

export const AGG_WORD_SOURCE =
  '(?:number\\s+of\\s+(?:unique|distinct|different)|count\\s+(?:of\\s+)?(?:unique|distinct)|unique\\s+count|distinct\\s+count|nunique|sum\\s+up|add\\s+up|sums?|totals?|averages?|avg|means?|median|min|minimum|lowest|smallest|earliest|least|max|maximum|highest|largest|biggest|latest|greatest|most\\s+recent|counts?|number(?:\\s+of)?|how\\s+many|no\\.?\\s+of|std|stdev|standard\\s+deviation|std\\s+dev|var|variance|first|last|list|concat)';

export function aggregateOf(word: string): [string, string] | null {
  const hit = AGG_WORDS.find(([re]) => re.test(word.trim()));
  return hit ? [hit[1], hit[2]] : null;
}

/** Nouns for "rows" in a count ("count orders by region" counts rows unless "orders" is a column). */
export const ROW_NOUNS = /^(?:rows?|records?|entries|entry|lines?|items?|everything|occurrences?|observations?|times|them|orders|customers|leads|responses|people|users|sales|transactions)$/i;

export const NUMERIC_FUNCTIONS: ReadonlySet<string> = new Set(['sum', 'mean', 'median', 'std', 'var']);
