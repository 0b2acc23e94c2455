/**
 * A JavaScript pattern (`u` flag syntax, already known to compile) rewritten in RE2 syntax with JavaScript's
 * meanings, or null where RE2 cannot express it (back-references, lookarounds, `\S` inside a class, Unicode
 * properties RE2 does not name, lone surrogates, `[]`, captures inside a repeated group). Where the two engines name the same thing differently the
 * JavaScript meaning is spelled out: `\s` is JavaScript's white space and line terminators, `.` excludes every line
 * terminator, `\v` `\0` `\cX` `\uXXXX` `\u{X}` `[\b]` become `\x{…}`, `(?<name>` becomes `(?P<name>`.
 */

const JS_SPACE = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const HEX = /^[0-9a-fA-F]+$/;
/** General categories by short name (`\p{Lu}`) and scripts (`\p{Script=Greek}`): the forms RE2 knows. */
const CATEGORY = /^[A-Z][a-z]?$/;
const SCRIPT = /^(?:Script|sc)=([A-Z][A-Za-z_]*)$/;

const hexCode = (code: number) => `\\x{${code.toString(16)}}`;
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function toRe2Pattern(js: string): string | null {
  let out = '';
  let inClass = false;
  let i = 0;
  // Open groups: whether each captures, and whether it holds a capture. JavaScript clears the captures inside a
  // repeated group at each round and RE2 keeps the last round that set them, so such patterns stay native.
  const groups: { captures: boolean; holdsCapture: boolean }[] = [];
  /** A `\uXXXX` escape at `at` (after the backslash and `u`), as a code point; surrogate pairs combine. */
  const unicodeEscape = (at: number): { code: number; next: number } | null => {
    if (js[at] === '{') {
      const close = js.indexOf('}', at);
      const digits = js.slice(at + 1, close);
      return close > at && HEX.test(digits) ? { code: parseInt(digits, 16), next: close + 1 } : null;
    }
    const digits = js.slice(at, at + 4);
    if (!HEX.test(digits) || digits.length !== 4) return null;
    const code = parseInt(digits, 16);
    if (isHigh(code) && js.startsWith('\\u', at + 4)) {
      const low = parseInt(js.slice(at + 6, at + 10), 16);
      if (isLow(low)) return { code: 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00), next: at + 10 };
    }
    return isHigh(code) || isLow(code) ? null : { code, next: at + 4 };
  };
  while (i < js.length) {
    const c = js[i];
    if (c === '\\') {
      const n = js[i + 1];
      i += 2;
      if (n === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (n === 'S') {
        if (inClass) return null;
        out += `[^${JS_SPACE}]`;
      } else if ('dDwWtnrf'.includes(n)) out += `\\${n}`;
      else if (n === 'v') out += hexCode(0x0b);
      else if (n === 'b') out += inClass ? hexCode(0x08) : '\\b';
      else if (n === 'B') out += '\\B';
      else if (n === '0') out += hexCode(0);
      else if (n === 'c') {
        out += hexCode(js.charCodeAt(i) % 32);
        i += 1;
      } else if (n === 'x') {
        out += hexCode(parseInt(js.slice(i, i + 2), 16));
        i += 2;
      } else if (n === 'u') {
        const escape = unicodeEscape(i);
        if (!escape) return null;
        out += hexCode(escape.code);
        i = escape.next;
      } else if (n === 'p' || n === 'P') {
        const close = js.indexOf('}', i);
        const name = js.slice(i + 1, close);
        const script = SCRIPT.exec(name)?.[1];
        if (!CATEGORY.test(name) && !script) return null;
        out += `\\${n}{${script ?? name}}`;
        i = close + 1;
      } else if (n === 'k' || (n >= '1' && n <= '9')) return null;
      else out += `\\${n}`; // an escaped syntax character (or `-` in a class): the same in RE2
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c; // `[` is literal in a JavaScript class; RE2 would read `[:alpha:]`
      i += 1;
      continue;
    }
    if (c === '[') {
      const negated = js[i + 1] === '^';
      if (js[i + (negated ? 2 : 1)] === ']') return null; // `[]` matches nothing and `[^]` anything in JavaScript
      inClass = true;
      out += negated ? '[^' : '[';
      i += negated ? 2 : 1;
      continue;
    }
    if (c === '.') out += JS_DOT;
    else if (c === '(' && js[i + 1] === '?') {
      if (js.startsWith('(?:', i)) out += '(?:';
      else if (js.startsWith('(?<', i) && js[i + 3] !== '=' && js[i + 3] !== '!') out += '(?P<';
      else return null; // lookarounds
      groups.push({ captures: js[i + 2] === '<', holdsCapture: false });
      i += 3;
      continue;
    } else if (c === '(') {
      groups.push({ captures: true, holdsCapture: false });
      out += c;
    } else if (c === ')') {
      const group = groups.pop()!;
      if (group.holdsCapture && '*+{'.includes(js[i + 1] ?? '')) return null;
      if (groups.length > 0) groups[groups.length - 1].holdsCapture ||= group.captures || group.holdsCapture;
      out += c;
    } else out += c;
    i += 1;
  }
  return out;
}
