import { listWords } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { isAllColumns } from './all-columns.js';
import { planned, step, type Rule } from './rule.js';
import { REMOVE } from './vocabulary.js';

const KIND = '(?<kind>leading\\s+and\\s+trailing|trailing\\s+and\\s+leading|leading|trailing|extra|excess|double|multiple|surrounding|outer|unnecessary|redundant|stray|repeated)';
const SPACE = '(?:white\\s*-?\\s*spaces?|spaces?|blanks?|padding)';

const PATTERNS = [
  new RegExp(`^(?:trim|strip)(?:\\s+${KIND})?(?:\\s+${SPACE})?(?:\\s+(?:from|in|on|of|for|around|off|across))?(?:\\s+(?<cols>.+?))?(?:\\s+${SPACE})?$`, 'i'),
  new RegExp(`^(?:${REMOVE}|clean(?:\\s+up)?|fix|tidy(?:\\s+up)?|normali[sz]e|collapse|squeeze)\\s+(?:the\\s+|any\\s+)*${KIND}?\\s*${SPACE}(?:\\s+(?:from|in|on|of|around|across)\\s+(?<cols>.+))?$`, 'i'),
  new RegExp(`^(?:make\\s+sure\\s+)?(?<cols>.+?)\\s+(?:has|have)\\s+no\\s+${KIND}?\\s*${SPACE}$`, 'i'),
];

const TYPES: Array<[RegExp, string, string]> = [
  [/^(?:leading\s+and\s+trailing|trailing\s+and\s+leading|surrounding|outer)$/i, 'both', 'leading and trailing whitespace'],
  [/^leading$/i, 'leading', 'leading whitespace'],
  [/^trailing$/i, 'trailing', 'trailing whitespace'],
  [/./, 'all', 'extra whitespace (ends trimmed, inner runs collapsed to one space)'],
];

/** Trimming: "trim names", "trim whitespace from email", "remove leading spaces in city", "remove extra spaces". */
export const trimWhitespaceRule: Rule = {
  name: 'trim-whitespace',
  plan(seg, ctx) {
    for (const re of PATTERNS) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const [, trimType, what] = m.kind ? TYPES.find(([kind]) => kind.test(m.kind!))! : /^(?:trim|strip)/i.test(seg.text) ? TYPES[0] : TYPES[3];
      if (isAllColumns(m.cols)) {
        return planned([step('trim_whitespace', { trim_type: trimType }, `Trim ${what} in every text column`)]);
      }
      const columns = ctx.columns.many(m.cols!);
      return planned([step('trim_whitespace', { columns, trim_type: trimType }, `Trim ${what} in ${listWords(columns)}`)]);
    }
    return null;
  },
};
