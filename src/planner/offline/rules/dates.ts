import { ask } from '../clarify.js';
import { matchSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { parseInteger, splitList } from '../text/values.js';
import { isAllColumns } from './all-columns.js';
import { parseDateFormat, type DateFormat } from './date-formats.js';
import { columnsOfKind, planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';

const INTO = '(?:\\s+(?:into|in|to|as)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?';
const FORMAT_VERB = '(?:format|reformat|convert|change|standardi[sz]e|normali[sz]e|make|rewrite|display|show|write|put|set|turn)';

const FORMAT = [
  new RegExp(`^(?:change|set|convert|switch)\\s+(?:the\\s+)?date\\s+format\\s+(?:of|in|for)\\s+(?:the\\s+)?(?<cols>.+?)\\s+to\\s+(?<fmt>.+)$`, 'i'),
  new RegExp(`^${FORMAT_VERB}\\s+(?:the\\s+)?(?:dates?\\s+(?:in|of)\\s+)?(?:the\\s+)?(?<cols>.+?)\\s+(?:as|to|in|into|using|with)\\s+(?:the\\s+)?(?:an?\\s+)?(?:date\\s+)?(?:format\\s+)?(?<fmt>.+?)(?:\\s+(?:date\\s+)?format)?(?:\\s+dates?)?$`, 'i'),
];
const STANDARDIZE = [
  new RegExp(`^(?:standardi[sz]e|normali[sz]e|fix|clean(?:\\s+up)?|unify|make\\s+consistent|harmoni[sz]e)\\s+(?:all\\s+)?(?:the\\s+)?(?:dates?|date\\s+formats?)(?:\\s+(?:in|of|for)\\s+(?:the\\s+)?(?<cols>.+?))?$`, 'i'),
  new RegExp(`^(?:standardi[sz]e|normali[sz]e|fix|clean(?:\\s+up)?|unify|harmoni[sz]e)\\s+(?:the\\s+)?(?<cols>.+?)\\s+(?:dates?|date\\s+formats?)$`, 'i'),
  new RegExp(`^make\\s+(?:all\\s+)?(?:the\\s+)?(?:dates?|date\\s+formats?)(?:\\s+(?:in|of)\\s+(?<cols>.+?))?\\s+consistent$`, 'i'),
];
const PARTS: Array<[RegExp, string, string]> = [
  [/^(?:weekday|day\s+of\s+(?:the\s+)?week|day[\s-]of[\s-]week)\s+names?$|^(?:day|weekday)\s+names?$|^name\s+of\s+the\s+day$/i, 'weekday_name', 'weekday name'],
  [/^month\s+names?$|^name\s+of\s+the\s+month$/i, 'month_name', 'month name'],
  [/^(?:day\s+of\s+(?:the\s+)?week|weekday|dow|day[\s-]of[\s-]week)(?:\s+number)?$/i, 'dayofweek', 'day of the week (Monday = 0)'],
  [/^(?:day\s+of\s+(?:the\s+)?year|doy)$/i, 'dayofyear', 'day of the year'],
  [/^(?:week(?:\s+number)?|iso\s+week|week\s+of\s+(?:the\s+)?year)$/i, 'week', 'ISO week'],
  [/^(?:quarters?|qtr)$/i, 'quarter', 'quarter'],
  [/^years?$/i, 'year', 'year'],
  [/^months?(?:\s+number)?$/i, 'month', 'month'],
  [/^(?:days?(?:\s+of\s+(?:the\s+)?month)?|date\s+number)$/i, 'day', 'day of the month'],
  [/^hours?$/i, 'hour', 'hour'],
  [/^minutes?$/i, 'minute', 'minute'],
  [/^seconds?$/i, 'second', 'second'],
];
const PART = '(?<parts>.+?)';
const EXTRACT = [
  new RegExp(`^(?:extract|get|pull(?:\\s+out)?|take|add|create|derive|compute|calculate|show|split\\s+out)\\s+(?:a\\s+|an\\s+|the\\s+)?(?:new\\s+)?${PART}(?:\\s+columns?)?\\s+(?:from|of|in|for|out\\s+of|based\\s+on)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^(?:split|break(?:\\s+down)?|separate)\\s+(?:the\\s+)?(?<col>.+?)\\s+into\\s+${PART}(?:\\s+columns?)?$`, 'i'),
];
const UNITS = '(?<unit>days?|weeks?|months?|years?|hours?|minutes?|seconds?)';
const DIFF = [
  new RegExp(`^(?:calculate|compute|add|get|find|count|work\\s+out|show|create)?\\s*(?:a\\s+column\\s+with\\s+)?(?:the\\s+)?(?:number\\s+of\\s+|total\\s+)?${UNITS}\\s+(?:between|from)\\s+(?:the\\s+)?(?<a>.+?)\\s+(?:and|to|until|till)\\s+(?:the\\s+)?(?<b>.+?)${INTO}$`, 'i'),
  new RegExp(`^(?:calculate|compute|add|get|find|work\\s+out|show|create)?\\s*(?:the\\s+)?(?:date\\s+|time\\s+)?(?:difference|gap|time|duration|interval)(?:\\s+in\\s+${UNITS})?\\s+(?:between|from)\\s+(?:the\\s+)?(?<a>.+?)\\s+(?:and|to|until|till)\\s+(?:the\\s+)?(?<b>.+?)(?:\\s+in\\s+(?<unit2>days?|weeks?|months?|years?|hours?|minutes?|seconds?))?${INTO}$`, 'i'),
  new RegExp(`^how\\s+many\\s+${UNITS}\\s+(?:between|from)\\s+(?:the\\s+)?(?<a>.+?)\\s+(?:and|to|until|till)\\s+(?:the\\s+)?(?<b>.+?)$`, 'i'),
];
const ADD = [
  new RegExp(`^(?<verb>add|subtract|remove|take\\s+away|deduct)\\s+(?<amount>\\d+|an?|one|two|three|four|five|six|seven|ten|thirty)\\s+${UNITS}\\s+(?:to|from)\\s+(?:the\\s+)?(?<col>.+?)${INTO}$`, 'i'),
  new RegExp(`^(?:shift|move|push|offset|bump)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?<dir>forward|ahead|later|back(?:ward)?s?|earlier)?\\s*(?:by\\s+)?(?<amount>-?\\d+|an?|one|two|three|seven|ten|thirty)\\s+${UNITS}(?:\\s+(?<dir2>forward|ahead|later|back(?:ward)?s?|earlier))?${INTO}$`, 'i'),
];

function dateColumns(cols: string | undefined, ctx: RuleContext): string[] {
  if (!isAllColumns(cols) && !/^(?:all\s+)?(?:the\s+)?dates?(?:\s+columns?)?$/i.test(cols ?? '')) return ctx.columns.many(cols!);
  const found = columnsOfKind(ctx, 'date', 'datetime');
  return found.length > 0 ? found : ask('ambiguous', 'Which column holds the dates?', ctx.schema.map((c) => c.name));
}

function formatSteps(columns: string[], fmt: DateFormat): RuleResult {
  return planned(columns.map((column) => step('format_date', { column, output_format: fmt.format }, `Format ${column} as ${fmt.shown}`)));
}

const unitOf = (u: string) => (u.toLowerCase().endsWith('s') ? u.toLowerCase() : `${u.toLowerCase()}s`);

/** Dates: "format signup_date as YYYY-MM-DD", "standardize dates", "extract the year from order_date", "days between a and b", "add 30 days to due". */
export const datesRule: Rule = {
  name: 'dates',
  plan(seg, ctx) {
    for (const re of STANDARDIZE) {
      const m = matchSegment(seg, re);
      if (m) return formatSteps(dateColumns(m.cols, ctx), { format: '%Y-%m-%d', shown: 'YYYY-MM-DD' });
    }
    for (const re of FORMAT) {
      const m = matchSegment(seg, re);
      const fmt = m ? parseDateFormat(m.fmt!) : null;
      if (m && fmt) return formatSteps(dateColumns(m.cols, ctx), fmt);
    }
    for (const re of DIFF) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.a!) || !ctx.columns.resolves(m.b!)) continue;
      const [start_column, end_column] = [ctx.columns.one(m.a!), ctx.columns.one(m.b!)];
      const unit = unitOf(m.unit ?? m.unit2 ?? 'days');
      const params: Record<string, unknown> = { start_column, end_column, unit };
      if (m.into) params.new_column = unquote(m.into);
      const name = m.into ? unquote(m.into) : `date_diff_${unit}`;
      return planned([step('date_diff', params, `Add ${name}: the ${unit} from ${start_column} to ${end_column}`)]);
    }
    for (const re of ADD) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      const size = /^an?$/i.test(m.amount!) ? 1 : Math.abs(parseInteger(m.amount!) ?? 0);
      const back = /subtract|remove|take|deduct/i.test(m.verb ?? '') || /back|earlier/i.test(m.dir ?? m.dir2 ?? '') || m.amount!.startsWith('-');
      const unit = unitOf(m.unit!);
      if (unit === 'seconds') ask('unsupported', 'Dates can be moved by days, weeks, months, years, hours or minutes, not seconds.');
      const params: Record<string, unknown> = { column, amount: back ? -size : size, unit };
      if (m.into) params.new_column = unquote(m.into);
      const where = m.into ? ` into ${unquote(m.into)}` : '';
      return planned([step('date_add', params, `${back ? 'Subtract' : 'Add'} ${size} ${size === 1 ? unit.slice(0, -1) : unit} ${back ? 'from' : 'to'} ${column}${where}`)]);
    }
    for (const re of EXTRACT) {
      const m = matchSegment(seg, re);
      if (!m) continue;
      const parts = splitList(m.parts!.replace(/^(?:the|a|an)\s+/i, '')).map((p) => p.replace(/^(?:the|a|an)\s+/i, ''));
      const found = parts.map((p) => PARTS.find(([r]) => r.test(p)));
      if (found.some((f) => !f) || !ctx.columns.resolves(m.col!)) continue;
      const column = ctx.columns.one(m.col!);
      const steps = found.map((f) => {
        const [, part, label] = f!;
        const params: Record<string, unknown> = { column, part };
        if (m.into && found.length === 1) params.new_column = unquote(m.into);
        const name = (params.new_column as string | undefined) ?? `${column}_${part}`;
        return step('extract_date_part', params, `Add ${name}: the ${label} of ${column}`);
      });
      return planned(steps);
    }
    return null;
  },
};
