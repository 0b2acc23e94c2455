import { ask, listWords } from '../clarify.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { unquote } from '../text/quotes.js';
import { splitOutsideQuotes } from '../text/split-outside-quotes.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';

const HEADERS = '(?:the\\s+)?(?:column\\s+(?:names|headers|titles)|headers|header\\s+row|field\\s+names|col\\s+names|headings)';
const STYLE = '(?<style>snake[\\s_-]*case|snake|lower\\s*-?\\s*case|lowercase|lower|upper\\s*-?\\s*case|uppercase|upper|title\\s*-?\\s*case|camel\\s*-?\\s*case|camel|kebab|clean|consistent|standard)';

const RENAME = /^(?:rename|re-name|relabel|change\s+(?:the\s+)?(?:column\s+)?name\s+(?:of\s+)?|change\s+(?:the\s+)?name\s+of)\s*(?:the\s+)?(?:columns?\s+|fields?\s+)?(?<pairs>.+)$/i;
const POSSESSIVE = /^(?:change|set|make)\s+(?:the\s+)?(?<old>.+?)(?:'s|’s)\s+(?:column\s+)?(?:name|header|title)\s+(?:to|into)\s+(?<new>.+)$/i;
const CALLED = /^(?:the\s+)?(?<old>.+?)\s+(?:column\s+)?should\s+be\s+(?:called|named|renamed(?:\s+to)?)\s+(?<new>.+)$/i;
const STYLE_HEADERS = [
  new RegExp(`^(?:make|convert|change|turn|set|format|rename|put)\\s+(?:all\\s+)?${HEADERS}\\s+(?:to|into|in|as)?\\s*${STYLE}(?:\\s+case)?$`, 'i'),
  new RegExp(`^${STYLE}(?:\\s+(?:case|all))?\\s+(?:all\\s+)?${HEADERS}$`, 'i'),
  new RegExp(`^(?<style>clean(?:\\s+up)?|standardi[sz]e|normali[sz]e|fix|tidy(?:\\s+up)?|sanitize|sanitise)\\s+(?:all\\s+)?${HEADERS}$`, 'i'),
  new RegExp(`^(?:replace|remove)\\s+(?:the\\s+)?spaces\\s+(?:in|from)\\s+${HEADERS}(?:\\s+with\\s+underscores)?$`, 'i'),
];
const PAIR = /^(?<old>.+?)\s+(?:to|as|into|->|=>|→|with)\s+(?<new>.+)$/i;

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);

/** The header spellings the older `sanitize_headers` produced (PRIMITIVES.md §5), plus a few more. */
function restyle(name: string, style: string): string {
  const s = style.toLowerCase().replace(/[\s_-]/g, '');
  if (s.startsWith('upper')) return name.toUpperCase();
  if (s.startsWith('lower')) return name.toLowerCase();
  if (s.startsWith('title')) return words(name).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join(' ');
  if (s.startsWith('camel')) return words(name).map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (s.startsWith('kebab')) return words(name).map((w) => w.toLowerCase()).join('-');
  return words(name).map((w) => w.toLowerCase()).join('_') || name;
}

function renameStep(mapping: Record<string, string>, why?: string): RuleResult {
  const pairs = Object.entries(mapping).map(([a, b]) => `${a} to ${b}`);
  return planned([step('rename_columns', { mapping }, `Rename ${listWords(pairs)}${why ? ` (${why})` : ''}`)]);
}

function restyleHeaders(style: string, ctx: RuleContext): RuleResult {
  const names = ctx.schema.map((c) => c.name);
  const target = /^(?:clean|standardi|normali|fix|tidy|saniti|consistent|standard|replace|remove)/i.test(style) ? 'snake_case' : style;
  const mapping: Record<string, string> = {};
  for (const name of names) {
    const next = restyle(name, target);
    if (next !== name) mapping[name] = next;
  }
  if (Object.keys(mapping).length === 0) ask('ambiguous', `The column names are already ${target.toLowerCase().replace(/\s+/g, ' ')}. What should they look like instead?`, ['snake_case', 'lowercase', 'Title Case']);
  const finals = names.map((n) => mapping[n] ?? n);
  const clash = finals.find((n, i) => finals.indexOf(n) !== i);
  if (clash) ask('ambiguous', `Two columns would both be named '${clash}'. Which names do you want?`);
  return renameStep(mapping, `column names in ${/^snake/i.test(target) ? 'snake_case' : target.toLowerCase()}`);
}

/** Renaming: "rename cust_id to customer_id", "rename a to b and c to d", "make the headers snake_case". */
export const renameColumnsRule: Rule = {
  name: 'rename-columns',
  plan(seg, ctx) {
    for (const re of STYLE_HEADERS) {
      const m = matchSegment(seg, re);
      if (m) return restyleHeaders(m.style ?? 'snake_case', ctx);
    }
    const called = matchSegment(seg, POSSESSIVE) ?? matchSegment(seg, CALLED);
    const rename = called ? null : matchSegment(seg, RENAME);
    if (!called && !rename) return null;
    const pairs = called ? [`${called.old} to ${called.new}`] : splitOutsideQuotes(rename!.pairs!, /\s*,\s*(?:and\s+)?|\s+and\s+/gi);
    const mapping: Record<string, string> = {};
    for (const pair of pairs) {
      const m = matchSegment(toSegment(pair.trim()), PAIR);
      if (!m) return ask('ambiguous', `What should '${pair.trim()}' be renamed to? e.g. "rename ${ctx.schema[0]?.name ?? 'old_name'} to new_name".`);
      const target = unquote(m.new!.replace(/^(?:the\s+)?(?:name\s+)?/i, ''));
      mapping[ctx.columns.one(m.old!)] = target;
    }
    return renameStep(mapping);
  },
};
