import { maskQuoted } from './quotes.js';

/** One request of a message: the original text and its quote-masked twin (same length) that rules match on. */
export interface Segment {
  text: string;
  masked: string;
}

export function toSegment(text: string): Segment {
  return { text, masked: maskQuoted(text) };
}

export type Groups = Record<string, string | undefined>;

const withIndices = new Map<RegExp, RegExp>();

/**
 * Matches `re` against the masked text (so words inside quotes never count) and returns its named groups sliced
 * from the original text, trimmed; null when it does not match.
 */
export function matchSegment(seg: Segment, re: RegExp): Groups | null {
  let indexed = withIndices.get(re);
  if (!indexed) {
    indexed = new RegExp(re.source, re.flags.includes('d') ? re.flags : `${re.flags}d`);
    withIndices.set(re, indexed);
  }
  indexed.lastIndex = 0;
  const m = indexed.exec(seg.masked);
  if (!m) return null;
  const groups: Groups = {};
  for (const [name, range] of Object.entries(m.indices?.groups ?? {})) {
    groups[name] = range ? seg.text.slice(range[0], range[1]).trim() : undefined;
  }
  return groups;
}
