import { matchSegment } from '../text/segment.js';
import { isAllColumns } from './all-columns.js';
import { parseDateFormat } from './date-formats.js';
import { planned, step, type Rule } from './rule.js';

const TYPE = '(?<type>integers?|ints?|whole\\s+numbers?|numbers?|numeric|numerical|floats?|decimals?|doubles?|reals?|text|strings?|str|dates?|date\\s*times?|datetimes?|timestamps?|times?|booleans?|bools?|true\\s*/\\s*false|logical)';
const COLS = '(?:the\\s+)?(?<cols>.+?)(?:\\s+columns?)?';
const CONVERT = [
  new RegExp(`^(?:change|set|convert|switch)\\s+(?:the\\s+)?(?:data\\s+)?type\\s+(?:of|for)\\s+${COLS}\\s+(?:to|into|as)\\s+(?:an?\\s+)?${TYPE}$`, 'i'),
  new RegExp(`^(?:convert|change|cast|turn|make|set|transform|parse|treat|store|read|coerce|interpret)\\s+${COLS}\\s+(?:to|into|as|in)\\s+(?:an?\\s+)?(?:the\\s+)?${TYPE}(?:\\s+(?:type|values?|format|column))?(?:\\s+(?:with|using|in)\\s+(?:the\\s+)?(?:format|pattern)\\s+(?<fmt>.+))?$`, 'i'),
  new RegExp(`^(?:convert|change|cast|make|turn|parse)\\s+${COLS}\\s+(?:an?\\s+)?${TYPE}$`, 'i'),
  new RegExp(`^${COLS}\\s+(?:should|must)\\s+be\\s+(?:an?\\s+)?${TYPE}(?:\\s+(?:type|values?))?$`, 'i'),
];
const FLAGS = '(?<fmt>true\\s*/\\s*false|1\\s*/\\s*0|0\\s*/\\s*1|ones\\s+and\\s+zeros|yes\\s*/\\s*no\\s+flags?)';
const NORMALIZE_BOOL = [
  new RegExp(`^(?:normali[sz]e|standardi[sz]e|clean(?:\\s+up)?)\\s+${COLS}\\s+(?:to|into|as)\\s+(?:booleans?|${FLAGS})$`, 'i'),
  new RegExp(`^(?:convert|map|turn|change|make)\\s+(?:the\\s+)?(?:yes\\s*/\\s*no\\s+(?:values\\s+)?(?:in\\s+)?)?${COLS}\\s+(?:to|into|as)\\s+${FLAGS}$`, 'i'),
  new RegExp(`^(?:normali[sz]e|standardi[sz]e|clean(?:\\s+up)?)\\s+(?:the\\s+)?(?:yes\\s*/\\s*no|boolean|true\\s*/\\s*false)\\s+(?:values\\s+)?(?:in\\s+)?${COLS}$`, 'i'),
];
const INFER = [
  /^(?:infer|detect|guess|auto[\s-]?detect|figure\s+out|fix|correct|set)\s+(?:the\s+)?(?:all\s+)?(?:column\s+|data\s+)?types?(?:\s+(?:of|for)\s+(?:all\s+|the\s+)?(?:columns|data))?(?:\s+automatically)?$/i,
  /^(?:convert|change)\s+(?:all\s+)?(?:the\s+)?columns\s+to\s+(?:their\s+)?(?:correct|proper|right|detected|best)\s+types?$/i,
];

function toType(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, '');
  if (/^(?:integers?|ints?|wholenumbers?)$/.test(w)) return 'integer';
  if (/^(?:numbers?|numeric|numerical|floats?|decimals?|doubles?|reals?)$/.test(w)) return 'float';
  if (/^(?:text|strings?|str)$/.test(w)) return 'string';
  if (/^(?:booleans?|bools?|true\/false|logical)$/.test(w)) return 'boolean';
  return 'datetime';
}

const WORDS: Record<string, string> = { integer: 'whole numbers', float: 'numbers', string: 'text', boolean: 'true/false', datetime: 'dates' };

/** Type changes: "convert amount to number", "change the type of zip to text", "parse signup_date as date", "normalize would_recommend to true/false". */
export const columnTypesRule: Rule = {
  name: 'column-types',
  plan(seg, ctx) {
    for (const re of INFER) {
      if (matchSegment(seg, re)) return planned([step('infer_types', { apply_conversion: true }, 'Detect each text column\'s type from its values and convert it')], 0.85);
    }
    for (const re of NORMALIZE_BOOL) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const columns = ctx.columns.many(m.cols!);
      const integer = /1|0|ones/.test(m.fmt ?? '');
      return planned(columns.map((column) => step('normalize_boolean', integer ? { column, output_format: 'integer' } : { column }, `Turn yes/no style values in ${column} into ${integer ? '1/0' : 'true/false'} (unknown values become blank)`)));
    }
    for (const re of CONVERT) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const to_type = toType(m.type!);
      const columns = isAllColumns(m.cols) ? null : ctx.columns.many(m.cols!);
      if (!columns) continue;
      const fmt = m.fmt ? parseDateFormat(m.fmt) : null;
      const extra = to_type === 'datetime' && fmt ? { date_format: fmt.format } : {};
      const failed = to_type === 'string' ? '' : ` (values that are not ${WORDS[to_type]} become blank)`;
      return planned(columns.map((column) => step('change_column_type', { column, to_type, ...extra }, `Convert ${column} to ${WORDS[to_type]}${fmt ? ` read as ${fmt.shown}` : ''}${failed}`)));
    }
    return null;
  },
};
