import { ask } from '../clarify.js';
import { describeCondition, showValue } from '../conditions/describe-condition.js';
import { parseConditions } from '../conditions/parse-conditions.js';
import { matchSegment, toSegment } from '../text/segment.js';
import { isQuoted, unquote } from '../text/quotes.js';
import { parseNumber } from '../text/values.js';
import { requireNumbers } from './numeric-text-guard.js';
import { planned, step, type Rule, type RuleContext, type RuleResult } from './rule.js';
import { constantValue } from './typed-value.js';

const NEW = '(?:(?:add|create|make|calculate|compute|derive|insert|generate|define)\\s+)?(?:a\\s+|an\\s+)?(?:new\\s+)?(?:column\\s+|field\\s+|col\\s+)?(?:called\\s+|named\\s+)?';
const DEFINE = new RegExp(`^(?:${NEW}(?<name>[\\p{L}_][\\p{L}\\p{N}_]*|'[^']+'|"[^"]+")(?:\\s+(?:column|field))?|${NEW.replace('(?:called\\s+|named\\s+)?', '(?:called\\s+|named\\s+)')}(?<spaced>[\\p{L}_][\\p{L}\\p{N}_ ]*?))\\s*(?:=|:=|:|as|equal\\s+to|equals|that\\s+is|which\\s+is|set\\s+to|with\\s+(?:the\\s+)?values?|with\\s+value)\\s+(?<expr>.+)$`, 'iu');
const EMPTY_COLUMN = new RegExp(`^(?:add|create|insert|make)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(?:empty\\s+|blank\\s+)?(?:column|field)\\s+(?:called\\s+|named\\s+)?(?<name>[^\\s]+)(?:\\s+(?<where>at\\s+the\\s+(?:start|beginning|front|end)|first|last))?$`, 'i');
const EMPTY_NAMED = new RegExp(`^(?:add|create|insert)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?(?:empty|blank)\\s+(?<name>[^\\s]+)\\s+column$`, 'i');
const OPS = '(?:\\s*(?<op>[+\\-*/×÷])\\s*|\\s+(?<word>x|times|plus|minus|multiplied\\s+by|divided\\s+by|over)\\s+)';
const EXPRESSION = new RegExp(`^(?<a>.+?)${OPS}(?<b>.+)$`, 'i');
const MORE_OPS = /\s[+\-*/×÷]\s|\s(?:x|times|plus|minus|multiplied\s+by|divided\s+by|over)\s/i;
const VERB_MATH = [
  new RegExp(`^(?<verb>multiply|divide)\\s+(?:the\\s+)?(?<a>.+?)\\s+by\\s+(?:the\\s+)?(?<b>.+?)(?:\\s+(?:into|as|to\\s+get|and\\s+(?:call|name)\\s+it|and\\s+store\\s+(?:it\\s+)?in|in)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?<verb>add)\\s+(?:the\\s+)?(?<b>.+?)\\s+to\\s+(?:the\\s+)?(?<a>.+?)(?:\\s+(?:into|as|to\\s+get|and\\s+(?:call|name)\\s+it|in)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?<verb>subtract|deduct|take)\\s+(?:the\\s+)?(?<b>.+?)\\s+(?:away\\s+)?from\\s+(?:the\\s+)?(?<a>.+?)(?:\\s+(?:into|as|to\\s+get|and\\s+(?:call|name)\\s+it|in)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<into>[^\\s]+))?$`, 'i'),
];
const COMPUTE_AS = /^(?:compute|calculate|work\s+out|derive|add)\s+(?<expr>.+?)\s+(?:as|into|in|called|named)\s+(?:a\s+)?(?:new\s+)?(?:column\s+)?(?:called\s+|named\s+)?(?<name>[^\s]+)$/i;
const COPY = [
  new RegExp(`^(?:copy|duplicate|clone)\\s+(?:the\\s+)?(?:column\\s+)?(?<src>.+?)(?:\\s+column)?\\s+(?:to|as|into)\\s+(?:a\\s+)?(?:new\\s+)?(?:column\\s+)?(?:called\\s+|named\\s+)?(?<dst>[^\\s]+)$`, 'i'),
  new RegExp(`^(?:make|create|add)\\s+a\\s+copy\\s+of\\s+(?:the\\s+)?(?<src>.+?)(?:\\s+column)?(?:\\s+(?:called|named|as)\\s+(?<dst>[^\\s]+))?$`, 'i'),
  new RegExp(`^(?:copy|duplicate|clone)\\s+(?:the\\s+)?(?:column\\s+)?(?<src>.+?)(?:\\s+column)?$`, 'i'),
];
const SET_WHERE = new RegExp(`^(?:set|change|mark|make)\\s+(?:the\\s+)?(?<col>.+?)\\s+(?:to|as)\\s+(?<value>.+?)\\s+(?:where|when|if|for\\s+rows\\s+where)\\s+(?<cond>.+)$`, 'i');
const IF_ELSE = /^(?<result>.+?)\s+(?:if|when|where|for\s+rows\s+where)\s+(?<cond>.+?)(?:\s*[,;]?\s+(?:else|otherwise|and\s+otherwise|or\s+else)\s+(?<other>.+))?$/i;

const OP_NAMES: Record<string, [string, string]> = {
  add: ['add', '+'], subtract: ['subtract', '-'], multiply: ['multiply', '×'], divide: ['divide', '÷'],
};

function operationOf(op: string): string {
  const o = op.toLowerCase().replace(/\s+/g, ' ');
  if (o === '+' || o === 'plus') return 'add';
  if (o === '-' || o === 'minus') return 'subtract';
  if (o === '/' || o === '÷' || o === 'divided by' || o === 'over') return 'divide';
  return 'multiply';
}

type Operand = { column: string } | { value: number };

function operand(text: string, ctx: RuleContext): Operand {
  const t = text.trim().replace(/^the\s+/i, '');
  const n = isQuoted(t) ? null : parseNumber(t);
  if (n !== null) return { value: n };
  return { column: ctx.columns.one(t) };
}

const shownOperand = (o: Operand) => ('column' in o ? o.column : String(o.value));

function mathStep(name: string, operation: string, a: Operand, b: Operand, ctx: RuleContext): RuleResult {
  // "total = 2 * amount": the engine puts the column first; addition and multiplication commute.
  if (!('column' in a) && 'column' in b && (operation === 'add' || operation === 'multiply')) [a, b] = [b, a];
  if (!('column' in a)) return ask('ambiguous', 'A calculation needs a column to start from, e.g. "total = amount * quantity".');
  requireNumbers(ctx, a.column, 'calculate with');
  if ('column' in b) requireNumbers(ctx, b.column, 'calculate with');
  if ('value' in b && b.value === 0 && operation === 'divide') ask('ambiguous', 'Dividing by zero gives no value. Which number did you mean?');
  const params: Record<string, unknown> = { new_column: name, operation, column1: a.column };
  if ('column' in b) params.column2 = b.column;
  else params.value = b.value;
  const expr = `${shownOperand(a)} ${OP_NAMES[operation][1]} ${shownOperand(b)}`;
  const explanation = name === a.column ? `Set ${name} to ${expr}` : `Add ${name} = ${expr}`;
  return planned([step('math_operation', params, explanation)]);
}

/** "tier = 'high' if amount > 100 else 'low'" → case_when; one condition per case ("or" gives several cases). */
function caseWhen(name: string, m: Record<string, string | undefined>, ctx: RuleContext): RuleResult {
  const parsed = parseConditions(m.cond!, ctx);
  if (parsed.conditions.length > 1 && parsed.logic === 'and') {
    return ask('ambiguous', 'A new column can test one condition per case. Please split the "and" into two requests, or use "or".');
  }
  if (parsed.negated) return ask('ambiguous', 'Please phrase the condition without "not", e.g. swap the two results.');
  const result = constantValue(m.result!);
  const other = m.other !== undefined ? constantValue(m.other) : null;
  const cases = parsed.conditions.map((condition) => ({ condition, result }));
  const params: Record<string, unknown> = { cases, new_column: name };
  if (other !== null) params.default = other;
  const when = parsed.conditions.map((c) => describeCondition(c, parsed.dateColumns.includes(c.column))).join(' or ');
  const otherwise = other !== null ? `, otherwise ${showValue(other)}` : '';
  return planned([...parsed.conversions, step('case_when', params, `Add ${name}: ${result === null ? 'blank' : showValue(result)} when ${when}${otherwise}`)]);
}

/** Derived columns: "total = amount * quantity", "multiply price by 1.2", "add column source = 'web'", "copy email to email_backup", "tier = 'high' if amount > 100 else 'low'". */
export const derivedColumnsRule: Rule = {
  name: 'derived-columns',
  plan(seg, ctx) {
    const setWhere = matchSegment(seg, SET_WHERE);
    if (setWhere) {
      const existing = ctx.columns.find(setWhere.col!);
      const name = existing ?? unquote(setWhere.col!).replace(/\s+/g, '_');
      const parsed = parseConditions(setWhere.cond!, ctx);
      if (parsed.conditions.length > 1 || parsed.negated) return ask('ambiguous', 'Please give one condition per request when setting values, e.g. "set tier to \'gold\' where amount > 1000".');
      const value = constantValue(setWhere.value!);
      const { column, operator, value: compare } = parsed.conditions[0];
      const condition: Record<string, unknown> = { column, operator, value };
      if (compare !== undefined) condition.compare_value = compare;
      const when = describeCondition(parsed.conditions[0], parsed.dateColumns.includes(column));
      return planned([...parsed.conversions, step('conditional_value', { new_column: name, conditions: [condition] }, `Set ${name} to ${value === null ? 'blank' : showValue(value)} where ${when}${existing ? '' : ' (a new column, blank elsewhere)'}`)]);
    }
    for (const re of VERB_MATH) {
      const m = matchSegment(seg, re);
      if (!m || !ctx.columns.resolves(m.a!)) continue;
      const a = operand(m.a!, ctx);
      const b = operand(m.b!, ctx);
      const operation = operationOf(m.verb!.toLowerCase() === 'multiply' ? '*' : m.verb!.toLowerCase() === 'divide' ? '/' : m.verb!.toLowerCase() === 'add' ? '+' : '-');
      const name = m.into ? unquote(m.into) : shownOperand(a);
      return mathStep(name, operation, a, b, ctx);
    }
    const computeAs = matchSegment(seg, COMPUTE_AS);
    const computed = computeAs ? matchSegment(toSegment(computeAs.expr!), EXPRESSION) : null;
    if (computeAs && computed && ctx.columns.resolves(computed.a!) && !MORE_OPS.test(` ${computed.b!} `)) {
      return mathStep(unquote(computeAs.name!), operationOf(computed.op ?? computed.word!), operand(computed.a!, ctx), operand(computed.b!, ctx), ctx);
    }
    for (const re of COPY) {
      const m = matchSegment(seg, re);
      if (!m || (re === COPY[2] && !ctx.columns.resolves(m.src!))) continue;
      const source = ctx.columns.one(m.src!);
      const destination = m.dst ? unquote(m.dst) : `${source}_copy`;
      return planned([step('copy_column', { source, destination }, `Copy ${source} into a new column ${destination}`)]);
    }
    const empty = matchSegment(seg, EMPTY_COLUMN) ?? matchSegment(seg, EMPTY_NAMED);
    if (empty) {
      const name = unquote(empty.name!);
      const params: Record<string, unknown> = { name };
      if (empty.where && /start|beginning|front|first/i.test(empty.where)) params.position = 'start';
      return planned([step('add_column', params, `Add an empty column ${name}${params.position ? ' at the start' : ''}`)]);
    }
    const define = matchSegment(seg, DEFINE);
    if (!define) return null;
    const name = unquote(define.name ?? define.spaced!).trim().replace(/\s+/g, '_');
    const expr = define.expr!.trim();
    const ifElse = matchSegment(toSegment(expr), IF_ELSE);
    if (ifElse && !/^(?:the\s+)?(?:sum|total|average)\b/i.test(expr)) return caseWhen(name, ifElse, ctx);
    const math = matchSegment(toSegment(expr), EXPRESSION);
    if (math && !isQuoted(expr)) {
      if (MORE_OPS.test(` ${math.b!} `)) return ask('unsupported', 'I can combine two values per step. Please split the formula, e.g. "subtotal = price * quantity" then "total = subtotal + shipping".');
      return mathStep(name, operationOf(math.op ?? math.word!), operand(math.a!, ctx), operand(math.b!, ctx), ctx);
    }
    const copyOf = /^(?:a\s+)?copy\s+of\s+(?:the\s+)?(?<src>.+)$/i.exec(expr);
    const source = copyOf ? ctx.columns.one(copyOf.groups!.src) : isQuoted(expr) ? null : ctx.columns.find(expr);
    if (source) return planned([step('copy_column', { source, destination: name }, `Copy ${source} into a new column ${name}`)]);
    const value = constantValue(expr);
    if (value === null) return planned([step('add_column', { name }, `Add an empty column ${name}`)]);
    if (typeof value === 'string' && !isQuoted(expr) && /\s/.test(value)) return null;
    return planned([step('add_column', { name, value }, `Add a column ${name} with the value ${showValue(value)} in every row`)]);
  },
};
