/**
 * Regex replacement templates (PRIMITIVES.md §2.7), shared by find_replace and regex_replace.
 *
 * Accepted: `$1`–`$99`, `$<name>`, `$&` (whole match), `$$` (a `$`), and the Python forms `\1`–`\99`, `\g<1>`,
 * `\g<name>`, `\\` (a backslash). Any other `$` or backslash is literal. A reference to a group the pattern does
 * not have is an error (INVALID_PARAM at validation); a group that did not take part inserts nothing.
 *
 * A template is parsed once against the pattern's groups and turned into a native JavaScript replacement string
 * (`String#replace` then does the work without a callback per match, and the rendered code can use it as is).
 */
import { compileRegex } from './regex.js';

/** The capture groups of a pattern: how many, and the names of the named ones (in pattern order). */
export interface PatternGroups {
  count: number;
  names: string[];
}

export type ReplacementPart =
  | { kind: 'text'; text: string }
  /** 0 = the whole match. */
  | { kind: 'group'; index: number }
  | { kind: 'name'; name: string };

export interface ParsedReplacement {
  parts: ReplacementPart[];
  /** Why the template does not fit the pattern (the first bad reference), or null. */
  error: string | null;
}

/** Groups of a compiled regex: an alternative that matches the empty text makes `exec` report every group. */
export function regexGroups(regex: RegExp): PatternGroups {
  const probe = new RegExp(`${regex.source}|`, regex.flags.replace(/[gy]/g, ''));
  const match = probe.exec('')!;
  return { count: match.length - 1, names: Object.keys(match.groups ?? {}) };
}

/** Groups of a pattern written as in params (Python named groups accepted); throws when it does not compile. */
export function patternGroups(pattern: string): PatternGroups {
  return regexGroups(compileRegex(pattern));
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Splits a template into literal text and group references. `$nn` reads like JavaScript: two digits when that
 * group exists, else one (`$10` with one group is group 1 then "0"); `\nn` reads like Python: up to two digits.
 */
export function parseReplacement(template: string, groups: PatternGroups): ParsedReplacement {
  const parts: ReplacementPart[] = [];
  let error: string | null = null;
  let text = '';
  const literal = (s: string) => {
    text += s;
  };
  const ref = (part: ReplacementPart, written: string) => {
    if (part.kind === 'group' && part.index > groups.count) {
      error ??= `replacement refers to group ${written}, but the pattern has ${groups.count} group${groups.count === 1 ? '' : 's'}`;
    } else if (part.kind === 'name' && !groups.names.includes(part.name)) {
      error ??= `replacement refers to group ${written}, but the pattern has no group named "${part.name}"`;
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(part);
  };

  let i = 0;
  while (i < template.length) {
    const c = template[i];
    const next = template[i + 1];
    if (c === '$') {
      if (next === '$') {
        literal('$');
        i += 2;
      } else if (next === '&') {
        ref({ kind: 'group', index: 0 }, '$&');
        i += 2;
      } else if (isDigit(next)) {
        const second = isDigit(template[i + 2]) ? template[i + 2] : '';
        const two = Number(next + second);
        if (second && two >= 1 && (two <= groups.count || Number(next) > groups.count || next === '0')) {
          // `$nn` when group nn exists; also when neither reading exists, so the error names what was written
          ref({ kind: 'group', index: two }, `$${next}${second}`);
          i += 3;
        } else if (next !== '0') {
          ref({ kind: 'group', index: Number(next) }, `$${next}`);
          i += 2;
        } else {
          literal('$0'); // `$0` and `$00` are not references (§2.7 lists $1–$99)
          i += 2;
        }
      } else if (next === '<') {
        const close = template.indexOf('>', i + 2);
        const name = close < 0 ? '' : template.slice(i + 2, close);
        if (NAME.test(name)) {
          ref({ kind: 'name', name }, `$<${name}>`);
          i = close + 1;
        } else {
          literal('$');
          i += 1;
        }
      } else {
        literal('$');
        i += 1;
      }
    } else if (c === '\\') {
      if (next === '\\') {
        literal('\\');
        i += 2;
      } else if (isDigit(next) && next !== '0') {
        const digits = isDigit(template[i + 2]) ? next + template[i + 2] : next;
        ref({ kind: 'group', index: Number(digits) }, `\\${digits}`);
        i += 1 + digits.length;
      } else if (next === 'g' && template[i + 2] === '<') {
        const close = template.indexOf('>', i + 3);
        const name = close < 0 ? '' : template.slice(i + 3, close);
        if (/^\d+$/.test(name)) {
          ref({ kind: 'group', index: Number(name) }, `\\g<${name}>`);
          i = close + 1;
        } else if (NAME.test(name)) {
          ref({ kind: 'name', name }, `\\g<${name}>`);
          i = close + 1;
        } else {
          literal('\\');
          i += 1;
        }
      } else {
        literal('\\');
        i += 1;
      }
    } else {
      literal(c);
      i += 1;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return { parts, error };
}

/** The problem with a template for this pattern, or null (also null when the pattern itself is invalid). */
export function replacementError(template: string, pattern: string): string | null {
  let groups: PatternGroups;
  try {
    groups = patternGroups(pattern);
  } catch {
    return null; // the pattern's own check reports INVALID_REGEX
  }
  return parseReplacement(template, groups).error;
}

/**
 * The native JavaScript replacement string with the same meaning: literal `$` doubled, groups as two-digit `$nn`
 * (so a following literal digit is never read as part of the number), names as `$<name>`, the whole match as `$&`.
 */
export function toJsReplacement(parts: readonly ReplacementPart[]): string {
  return parts
    .map((p) => {
      if (p.kind === 'text') return p.text.replace(/\$/g, '$$$$');
      if (p.kind === 'name') return `$<${p.name}>`;
      return p.index === 0 ? '$&' : `$${String(p.index).padStart(2, '0')}`;
    })
    .join('');
}

/** Whether the template inserts anything from the match (else it is plain text). */
export const hasReferences = (parts: readonly ReplacementPart[]): boolean => parts.some((p) => p.kind !== 'text');

/**
 * A replace-all function for one regex and template: `(text) => text with every match replaced`. The regex gets the
 * `g` flag; a template with a bad reference throws (validation reports it first).
 */
export function makeRegexReplacer(regex: RegExp, template: string): (text: string) => string {
  // The same kind of RegExp (linear-time or native), with `g`.
  const global = regex.global ? regex : new (regex.constructor as RegExpConstructor)(regex.source, `${regex.flags}g`);
  const parsed = parseReplacement(template, regexGroups(global));
  if (parsed.error) throw new Error(parsed.error);
  const replacement = toJsReplacement(parsed.parts);
  return (text) => text.replace(global, replacement);
}
