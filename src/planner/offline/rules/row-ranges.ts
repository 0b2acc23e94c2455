import { getPrimitive } from '../../../engine/plan/index.js';
import { ask } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { parseInteger, parseNumber } from '../text/values.js';
import { planned, step, type Rule } from './rule.js';
import { KEEP, REMOVE, ROWS } from './vocabulary.js';

const N = '(?<n>\\d[\\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)';
const TAKE = `(?:${KEEP}|take|get|use|show\\s+me|just|only)`;
const ROWS_AFTER = `(?:\\s+${ROWS})?(?:\\s+only)?`;

const HEAD = [
  new RegExp(`^(?:${TAKE}\\s+)?(?:only\\s+)?(?:the\\s+)?(?:first|top)\\s+${N}${ROWS_AFTER}$`, 'i'),
  new RegExp(`^(?:${TAKE}\\s+)?(?:only\\s+)?(?:the\\s+)?(?<one>first|top)\\s+(?:row|record|line)(?:\\s+only)?$`, 'i'),
  new RegExp(`^(?:head|preview)(?:\\s+${N})?$`, 'i'),
];
const TAIL = [
  new RegExp(`^(?:${TAKE}\\s+)?(?:only\\s+)?(?:the\\s+)?(?:last|bottom|final)\\s+${N}${ROWS_AFTER}$`, 'i'),
  new RegExp(`^(?:${TAKE}\\s+)?(?:only\\s+)?(?:the\\s+)?(?<one>last|bottom|final)\\s+(?:row|record|line)(?:\\s+only)?$`, 'i'),
  new RegExp(`^tail(?:\\s+${N})?$`, 'i'),
];
const LIMIT = [
  new RegExp(`^(?:limit|cap|truncate|cut)\\s+(?:it\\s+|the\\s+(?:data|table|dataset|rows|file)\\s+|this\\s+)?(?:to|at)\\s+(?:the\\s+first\\s+|at\\s+most\\s+|a\\s+maximum\\s+of\\s+|max\\s+)?${N}${ROWS_AFTER}$`, 'i'),
  new RegExp(`^(?:no\\s+more\\s+than|at\\s+most|max(?:imum)?(?:\\s+of)?)\\s+${N}\\s+${ROWS}$`, 'i'),
];
const SKIP = [
  new RegExp(`^(?:skip|${REMOVE}|ignore)\\s+(?:the\\s+)?(?:first|top|leading|opening)\\s+${N}${ROWS_AFTER}$`, 'i'),
  new RegExp(`^(?:skip|${REMOVE}|ignore)\\s+(?:the\\s+)?(?<one>first|top)\\s+(?:row|record|line)$`, 'i'),
  new RegExp(`^(?:start|begin)\\s+(?:from|at)\\s+row\\s+(?<from>\\d+)$`, 'i'),
];
const DROP_LAST = [
  new RegExp(`^(?:${REMOVE}|skip|ignore)\\s+(?:the\\s+)?(?:last|bottom|final|trailing)\\s+${N}${ROWS_AFTER}$`, 'i'),
  new RegExp(`^(?:${REMOVE}|skip|ignore)\\s+(?:the\\s+)?(?<one>last|bottom|final)\\s+(?:row|record|line)$`, 'i'),
];
const SAMPLE = [
  new RegExp(`^(?:take\\s+|get\\s+|draw\\s+|pick\\s+|keep\\s+|select\\s+)?(?:an?\\s+)?(?:random(?:ly)?\\s+)?(?:sample|select|pick|choose)?(?:\\s+of)?\\s*(?<pct>\\d+(?:\\.\\d+)?)\\s*(?:%|percent)(?:\\s+of\\s+(?:the\\s+)?(?:rows|data|records))?(?:\\s+at\\s+random|\\s+randomly)?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i'),
  new RegExp(`^(?:take\\s+|get\\s+|draw\\s+|pick\\s+|keep\\s+|select\\s+)?(?:an?\\s+)?(?:random(?:ly)?\\s+)?(?:sample|select|pick|choose)?(?:\\s+of)?\\s*${N}\\s+(?:random\\s+)?${ROWS}(?:\\s+at\\s+random|\\s+randomly)?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i'),
  new RegExp(`^(?:take\\s+|get\\s+|draw\\s+)?(?:an?\\s+)?random\\s+sample(?:\\s+of\\s+(?:the\\s+)?(?:rows|data))?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i'),
];
const SHUFFLE = [
  new RegExp(`^(?:shuffle|randomi[sz]e|scramble|mix\\s+up)(?:\\s+(?:the\\s+)?(?:rows?|row\\s+order|order(?:\\s+of\\s+(?:the\\s+)?rows)?|data|table|records))?(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i'),
  new RegExp(`^(?:put|sort|arrange)\\s+(?:the\\s+)?(?:rows|data|records)\\s+in\\s+(?:a\\s+)?random\\s+order(?:\\s+(?:with|using)\\s+seed\\s+(?<seed>\\d+))?$`, 'i'),
];

const rowsWord = (n: number) => (n === 1 ? 'row' : `${n} rows`);

function count(m: Record<string, string | undefined>): number {
  if (m.one) return 1;
  const n = parseInteger(m.n ?? '10');
  return n === null || n < 0 ? ask('ambiguous', `How many rows do you mean ('${m.n}')?`) : n;
}

/** Which rows by position: first / last N, a limit, skipping the first or last N, a random sample, a shuffle. */
export const rowRangesRule: Rule = {
  name: 'row-ranges',
  plan(seg, ctx) {
    const seedOf = (m: Record<string, string | undefined>) => (m.seed !== undefined ? { seed: Number(m.seed) } : {});
    for (const re of HEAD) {
      const m = matchSegment(seg, re);
      if (m) return planned([step('head_rows', { n: count(m) }, `Keep only the first ${rowsWord(count(m))}`)]);
    }
    for (const re of TAIL) {
      const m = matchSegment(seg, re);
      if (m) return planned([step('tail_rows', { n: count(m) }, `Keep only the last ${rowsWord(count(m))}`)]);
    }
    for (const re of LIMIT) {
      const m = matchSegment(seg, re);
      if (m) return planned([step('limit_rows', { count: count(m) }, `Limit the table to ${rowsWord(count(m))}`)]);
    }
    for (const re of SKIP) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const offset = m.from !== undefined ? Math.max(0, Number(m.from) - 1) : count(m);
      return planned([step('offset_rows', { offset }, `Skip the first ${rowsWord(offset)}`)]);
    }
    for (const re of DROP_LAST) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      if (ctx.previous.some((s) => getPrimitive(s.op)?.rowsMayChange)) {
        ask('ambiguous', 'An earlier step in this request may change the number of rows, so I cannot tell which rows are last. Please ask for this separately.');
      }
      const n = count(m);
      const keep = Math.max(0, ctx.profile.row_count - n);
      return planned([step('limit_rows', { count: keep }, `Remove the last ${rowsWord(n)} (keep the first ${rowsWord(keep)})`)]);
    }
    for (const re of SAMPLE) {
      const m = /random|sample/i.test(seg.masked) ? matchSegment(seg, re) : null;
      if (!m) continue;
      if (m.pct !== undefined) {
        const pct = parseNumber(m.pct)!;
        if (pct <= 0 || pct > 100) ask('ambiguous', `A sample must be between 0 and 100 percent of the rows; '${m.pct}%' is not.`);
        const fraction = Number((pct / 100).toPrecision(12));
        return planned([step('sample_rows', { fraction, ...seedOf(m) }, `Take a random sample of ${m.pct}% of the rows`)]);
      }
      if (m.n === undefined) return planned([step('sample_rows', { ...seedOf(m) }, 'Take a random sample of 10 rows')]);
      return planned([step('sample_rows', { n: count(m), ...seedOf(m) }, `Take a random sample of ${rowsWord(count(m))}`)]);
    }
    for (const re of SHUFFLE) {
      const m = matchSegment(seg, re);
      if (m) return planned([step('shuffle_rows', { ...seedOf(m) }, 'Shuffle the rows into a random order')]);
    }
    return null;
  },
};
