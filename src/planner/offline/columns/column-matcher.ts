import { editDistance } from '../../../engine/values/suggest.js';
import { ask, listWords } from '../clarify.js';
import { splitList } from '../text/values.js';
import { columnPhrase, type ColumnPhrase } from './column-phrase.js';
import { compactKey, keyWords, nameKey, singularKey, singularWord, typoAllowance } from './column-keys.js';

const GENERIC_TAIL = /^(.+?)\s+(?:names?|values?|entries|entry|data|text|fields?|info(?:rmation)?|numbers?|codes?|addresses|address|amounts?|details)$/i;

/** How sure a match is; the plan's confidence is the lowest score used. */
export const SCORE = { exact: 1, spelling: 0.95, word: 0.85, typo: 0.75 } as const;

interface Match {
  names: string[];
  score: number;
}

export interface ColumnMatcher {
  /** The current column names, in table order. */
  names(): readonly string[];
  /** Exactly one column for the phrase; asks (unknown_column or ambiguous) when it is not one column. */
  one(phrase: string): string;
  /** A list ("a, b and c") or a plural word naming several columns ("names"); asks when any item is unknown. */
  many(phrase: string): string[];
  /** A confident match (exact, case, spacing, plural, compact) or null; never asks. */
  find(phrase: string): string | null;
  /** Whether the phrase names some column at any level (used before committing to a reading). */
  resolves(phrase: string): boolean;
  /** Lowest score of the matches made so far. */
  lowestScore(): number;
  /** The columns the previous request touched ("it", "them"). */
  setRecent(columns: string[]): void;
  setNames(names: readonly string[]): void;
}

export function createColumnMatcher(initial: readonly string[]): ColumnMatcher {
  let names = [...initial];
  let recent: string[] = [];
  let lowest = 1;

  const keyed = () => names.map((name) => ({ name, key: nameKey(name), singular: singularKey(nameKey(name)), compact: compactKey(nameKey(name)) }));

  function confident(phrase: ColumnPhrase): Match | null {
    const exact = names.filter((n) => n === phrase.text);
    if (exact.length === 1) return { names: exact, score: SCORE.exact };
    const key = nameKey(phrase.text);
    if (!key) return null;
    const columns = keyed();
    for (const [field, value] of [['key', key], ['singular', singularKey(key)], ['compact', compactKey(key)]] as const) {
      if (phrase.quoted && field !== 'key') break;
      const hits = columns.filter((c) => c[field] === value).map((c) => c.name);
      if (hits.length > 0) return { names: hits, score: field === 'key' ? SCORE.exact : SCORE.spelling };
    }
    return null;
  }

  /** Every phrase word (singular) is one of the column's words: "email" → email_address, "name" → full_name. */
  function byWords(key: string, fuzzy: boolean): string[] {
    const words = keyWords(singularKey(key));
    if (words.length === 0 || words.every((w) => w.length < 2)) return [];
    return keyed()
      .filter((c) => {
        const columnWords = keyWords(c.singular);
        return words.every((w) => columnWords.some((cw) => (fuzzy ? cw.length >= 4 && editDistance(w, cw) <= typoAllowance(cw.length) : cw === w)));
      })
      .map((c) => c.name);
  }

  /** The closest names within the typo allowance of the longer name, best first. */
  function byTypo(key: string): string[] {
    const compact = compactKey(key);
    const scored = keyed()
      .map((c) => ({ name: c.name, d: editDistance(compact, c.compact), allowed: typoAllowance(Math.min(compact.length, c.compact.length)) }))
      .filter((c) => c.d <= c.allowed);
    if (scored.length === 0) return [];
    const best = Math.min(...scored.map((c) => c.d));
    return scored.filter((c) => c.d === best).map((c) => c.name);
  }

  function match(phrase: ColumnPhrase): Match | null {
    if (phrase.pronoun && recent.length > 0) return { names: [...recent], score: SCORE.word };
    const sure = confident(phrase);
    if (sure) return sure;
    if (phrase.quoted) return null;
    const key = nameKey(phrase.text);
    const words = byWords(key, false);
    if (words.length > 0) return { names: words, score: SCORE.word };
    const typos = byTypo(key);
    if (typos.length > 0) return { names: typos, score: SCORE.typo };
    const fuzzyWords = byWords(key, true);
    if (fuzzyWords.length > 0) return { names: fuzzyWords, score: SCORE.typo };
    // "customer names", "email addresses": a generic noun after the name of the column.
    const head = GENERIC_TAIL.exec(phrase.text);
    if (head) {
      const found = match({ ...phrase, text: head[1] });
      if (found) return { names: found.names, score: Math.min(found.score, SCORE.word) };
    }
    return null;
  }

  function suggestions(text: string): string[] {
    const compact = compactKey(nameKey(text));
    const words = new Set(keyWords(singularKey(nameKey(text))));
    return keyed()
      .map((c) => ({ name: c.name, d: editDistance(compact, c.compact), shared: keyWords(c.singular).some((w) => words.has(w)) }))
      .filter((c) => c.shared || c.d <= Math.max(2, Math.floor(compact.length / 3)))
      .sort((a, b) => Number(b.shared) - Number(a.shared) || a.d - b.d)
      .slice(0, 3)
      .map((c) => c.name);
  }

  function unknown(phrase: ColumnPhrase): never {
    const similar = suggestions(phrase.text);
    if (similar.length > 0) return ask('unknown_column', `Column '${phrase.text}' not found. Did you mean: ${similar.join(', ')}?`, similar);
    return ask('unknown_column', `Column '${phrase.text}' not found. Available columns: ${names.join(', ')}.`, [...names]);
  }

  const isPlural = (phrase: ColumnPhrase) => {
    const words = keyWords(nameKey(phrase.text));
    const last = words[words.length - 1] ?? '';
    return phrase.pronoun || (last.length > 3 && singularWord(last) !== last);
  };

  function use(found: Match): string[] {
    lowest = Math.min(lowest, found.score);
    return found.names;
  }

  function one(raw: string): string {
    const phrase = columnPhrase(raw);
    const found = match(phrase);
    if (!found) return unknown(phrase);
    if (found.names.length > 1) {
      return ask('ambiguous', `'${phrase.text}' could mean ${listWords(found.names, 'or')}. Which column do you mean?`, found.names);
    }
    return use(found)[0];
  }

  /** One item of a list, or the whole phrase when it is plural and names several columns. */
  function item(raw: string): string[] {
    const phrase = columnPhrase(raw);
    const found = match(phrase);
    if (!found) return unknown(phrase);
    if (found.names.length > 1 && !isPlural(phrase)) {
      return ask('ambiguous', `'${phrase.text}' could mean ${listWords(found.names, 'or')}. Which column do you mean?`, found.names);
    }
    return use(found);
  }

  function many(raw: string): string[] {
    // A name that itself contains "and" ("Terms and Conditions") wins over reading a list.
    const whole = confident(columnPhrase(raw));
    if (whole && whole.names.length === 1) return use(whole);
    const items = splitList(raw);
    const lastWords = keyWords(nameKey(columnPhrase(items[items.length - 1] ?? '').text));
    const tail = lastWords.length > 1 ? lastWords[lastWords.length - 1] : null;
    const result: string[] = [];
    for (const it of items) {
      // "first and last name": an item without the shared last word borrows it when that names a column.
      const phrase = columnPhrase(it);
      const borrowed = tail && !match(phrase) ? `${phrase.text} ${tail}` : null;
      for (const name of item(borrowed && match(columnPhrase(borrowed)) ? borrowed : it)) if (!result.includes(name)) result.push(name);
    }
    if (result.length === 0) return ask('ambiguous', 'Which columns do you mean?', [...names]);
    return result;
  }

  return {
    names: () => names,
    one,
    many,
    find: (raw) => {
      const found = confident(columnPhrase(raw));
      return found && found.names.length === 1 ? found.names[0] : null;
    },
    resolves: (raw) => match(columnPhrase(raw)) !== null,
    lowestScore: () => lowest,
    setRecent: (columns) => {
      recent = columns.filter((c) => names.includes(c));
    },
    setNames: (next) => {
      names = [...next];
      recent = recent.filter((c) => names.includes(c));
    },
  };
}
