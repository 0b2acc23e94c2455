import { editDistance } from '../../../engine/values/suggest.js';
import { unquote } from '../text/quotes.js';
import { splitList } from '../text/values.js';
import type { RuleContext } from './rule.js';

/** Well-known synonyms, so "standardize gender" maps M/F and Y/N without being told. */
const SYNONYMS: Array<[RegExp, Record<string, string[]>]> = [
  [/^(?:m|f|male|female|man|woman|men|women)$/i, { Male: ['m', 'man', 'men'], Female: ['f', 'woman', 'women'] }],
  [/^(?:y|n|yes|no)$/i, { Yes: ['y'], No: ['n'] }],
];

const titleCase = (text: string) => text.toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/**
 * The standard spelling of a group of variants: codes stay upper case ("US") in a column of codes, a brand
 * spelling with inner capitals wins ("LinkedIn"), then an existing Title Case spelling, else the most frequent
 * spelling in Title Case.
 */
function standardOf(spellings: string[], codes: boolean, merged = false): string {
  const trimmed = spellings.map((s) => s.trim());
  if (trimmed.length === 1 && !merged) return trimmed[0];
  if (codes && /^\p{Lu}+$/u.test(trimmed[0])) return trimmed[0];
  return trimmed.find((s) => /\p{Ll}\p{Lu}/u.test(s)) ?? trimmed.find((s) => s === titleCase(s)) ?? titleCase(trimmed[0]);
}

/**
 * Groups the column's known values that differ only in case or surrounding spaces, plus near misses (a rare
 * spelling within two edits of a group, "Qualifed") and well-known synonyms (M/F, Y/N), under one standard each.
 */
export function inferredMapping(ctx: RuleContext, column: string): Record<string, string[]> {
  const p = ctx.profile.columns.find((c) => c.name === column);
  const tops = (p?.distribution.top_values ?? []).filter((t) => t.value !== null).map((t) => ({ text: String(t.value), count: t.count }));
  const groups = new Map<string, { spellings: string[]; merged: string[]; count: number }>();
  for (const t of tops) {
    const key = t.text.trim().toLowerCase();
    const group = groups.get(key) ?? { spellings: [], merged: [], count: 0 };
    group.spellings.push(t.text);
    group.count += t.count;
    groups.set(key, group);
  }
  const keys = [...groups.keys()];
  for (const key of keys) {
    const group = groups.get(key)!;
    const synonym = SYNONYMS.find(([re]) => re.test(key));
    const synonymTarget = synonym ? Object.entries(synonym[1]).find(([std, variants]) => std.toLowerCase() !== key && variants.includes(key))?.[0].toLowerCase() : undefined;
    const nearTarget = group.count === 1 && key.length >= 5 ? keys.find((k) => k !== key && groups.has(k) && groups.get(k)!.count > 1 && editDistance(k, key) <= 2) : undefined;
    const target = synonymTarget && groups.has(synonymTarget) ? synonymTarget : nearTarget;
    if (target && groups.has(target)) {
      groups.get(target)!.merged.push(...group.spellings);
      groups.delete(key);
    }
  }
  const codes = [...groups.keys()].filter((k) => k.length <= 3).length * 2 >= groups.size;
  const mapping: Record<string, string[]> = {};
  for (const group of groups.values()) {
    const standard = standardOf(group.spellings, codes, group.merged.length > 0);
    mapping[standard] = [...new Set([...group.spellings, ...group.merged].filter((v) => v !== standard))];
  }
  return mapping;
}

/** "M = Male, F = Female", "M to Male; F to Female": the mapping as the user wrote it, or null. */
export function explicitMapping(text: string): Record<string, string[]> | null {
  const mapping: Record<string, string[]> = {};
  for (const item of text.split(/\s*[;,]\s*(?:and\s+)?|\s+and\s+(?=\S+\s+(?:→|->|=>|=|to|as|means|becomes)\s)/i)) {
    const m = /^(?<from>.+?)\s*(?:→|->|=>|=|\s+to\s+|\s+as\s+|\s+means\s+|\s+becomes\s+)\s*(?<to>.+)$/i.exec(item.trim());
    if (!m) return null;
    const to = unquote(m.groups!.to);
    for (const from of splitList(m.groups!.from)) (mapping[to] ??= []).push(unquote(from));
  }
  return Object.keys(mapping).length > 0 ? mapping : null;
}
