/**
 * Comparable forms of column names and of the words people use for them: case folded, spaces/hyphens/dots as
 * underscores, plurals made singular, and a compact form without separators ("signupdate").
 */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[\s\-./]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

export function singularWord(word: string): string {
  if (word.length <= 3) return word;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:sses|shes|ches|xes|zes|uses)$/.test(word)) return word.slice(0, -2);
  if (/ss$/.test(word) || /us$/.test(word) || /is$/.test(word)) return word;
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

export const keyWords = (key: string): string[] => key.split('_').filter((w) => w.length > 0);

export const singularKey = (key: string): string => keyWords(key).map(singularWord).join('_');

export const compactKey = (key: string): string => singularKey(key).replace(/_/g, '');

/** The typo allowance for a name of this length: 2 edits from 7 characters, 1 from 4, none below. */
export function typoAllowance(length: number): number {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}
