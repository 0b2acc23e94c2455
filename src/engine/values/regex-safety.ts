/**
 * Catastrophic-backtracking guard for user regular expressions. JavaScript's engine backtracks, so a pattern such as
 * `(a+)+$` takes exponential time on `aaaa…a!` and one request could stall the process. The engine runs what it can
 * on a linear-time engine (linear-regexp.ts); patterns are still checked statically before use, and refused
 * (INVALID_REGEX) when a repetition can match the same text in more than one way:
 *
 * 1. nested repetition — a repeated group containing a variably repeated part with nothing that separates one
 *    round from the next: `(a+)+`, `(\w+\s?)*`, `(.*,)+` (but `(\d+,)+` and `([^,]*,)+` are fine: the `,` separates);
 * 2. repeated alternation whose branches can match the same text: `(a|a)+`, `(\w|\d)+`, `(a|ab)*`
 *    (`(cat|car)+` is fine: the branches differ at a fixed position);
 * 3. two adjacent unbounded repetitions of overlapping characters (quadratic): `\d+\d+`, `.*.*`, `\s*\s+` — refused
 *    only for patterns the linear-time engine cannot run (back-references, lookarounds).
 *
 * Character sets are compared on a sample alphabet: fixed representatives of every class plus every character that
 * appears in the pattern, which decides overlap exactly for literals and ranges and well enough for classes.
 */

const MAX_PATTERN_CHARS = 1000;

interface CharAtom {
  kind: 'char';
  source: string;
}
interface GroupAtom {
  kind: 'group';
  body: Alt;
}
/** Anchors, word boundaries, lookarounds, back-references: no characters of their own to compare. */
interface OtherAtom {
  kind: 'zero' | 'backref';
  body?: Alt;
}
type Atom = CharAtom | GroupAtom | OtherAtom;
interface Item {
  atom: Atom;
  min: number;
  max: number;
}
type Seq = Item[];
type Alt = Seq[];

/** Parses a pattern that already compiled with the `u` flag (so its syntax is valid). */
function parse(pattern: string): Alt {
  const chars = [...pattern];
  let i = 0;

  function alt(): Alt {
    const branches: Alt = [seq()];
    while (chars[i] === '|') {
      i++;
      branches.push(seq());
    }
    return branches;
  }

  function seq(): Seq {
    const items: Seq = [];
    while (i < chars.length && chars[i] !== '|' && chars[i] !== ')') {
      const atom = parseAtom();
      items.push({ atom, ...quantifier() });
    }
    return items;
  }

  function parseAtom(): Atom {
    const c = chars[i];
    if (c === '(') {
      i++;
      let zeroWidth = false;
      if (chars[i] === '?') {
        const next = chars[i + 1];
        if (next === ':') i += 2;
        else if (next === '=' || next === '!') {
          i += 2;
          zeroWidth = true;
        } else if (next === '<' && (chars[i + 2] === '=' || chars[i + 2] === '!')) {
          i += 3;
          zeroWidth = true;
        } else if (next === '<') {
          while (chars[i] !== '>') i++;
          i++;
        }
      }
      const body = alt();
      i++; // ')'
      return zeroWidth ? { kind: 'zero', body } : { kind: 'group', body };
    }
    if (c === '[') {
      const start = i;
      i++;
      if (chars[i] === '^') i++;
      if (chars[i] === ']') i++;
      while (chars[i] !== ']') i += chars[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'char', source: chars.slice(start, i).join('') };
    }
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'zero' };
    }
    if (c === '\\') return escape();
    i++;
    return { kind: 'char', source: c === '.' ? '.' : escapeLiteral(c) };
  }

  function escape(): Atom {
    const start = i;
    i++;
    const c = chars[i];
    if (c === 'b' || c === 'B') {
      i++;
      return { kind: 'zero' };
    }
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(chars[i] ?? '')) i++;
      return { kind: 'backref' };
    }
    if (c === 'k') {
      while (chars[i] !== '>') i++;
      i++;
      return { kind: 'backref' };
    }
    if ((c === 'p' || c === 'P' || c === 'u') && chars[i + 1] === '{') {
      while (chars[i] !== '}') i++;
      i++;
    } else if (c === 'u') i += 5;
    else if (c === 'x') i += 3;
    else if (c === 'c') i += 2;
    else i++;
    return { kind: 'char', source: chars.slice(start, i).join('') };
  }

  function quantifier(): { min: number; max: number } {
    const c = chars[i];
    let bounds: { min: number; max: number };
    if (c === '*') bounds = { min: 0, max: Infinity };
    else if (c === '+') bounds = { min: 1, max: Infinity };
    else if (c === '?') bounds = { min: 0, max: 1 };
    else if (c === '{') {
      let text = '';
      while (chars[++i] !== '}') text += chars[i];
      const [low, high] = text.split(',');
      bounds = { min: Number(low), max: high === undefined ? Number(low) : high === '' ? Infinity : Number(high) };
    } else return { min: 1, max: 1 };
    i++;
    if (chars[i] === '?') i++; // lazy: tries in another order, backtracks just as much
    return bounds;
  }

  return alt();
}

function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Sample alphabet: representatives of the usual classes plus every character of the pattern. */
const REPRESENTATIVES = [...'azAZ09_ \t\n\r,.;:-/\\@!?"\'()[]{}#$%&*+=<>|~^`éßÄΩж中😀\u00a0\u2028\u200b\u0000'];

type CharSet = bigint;

function analyser(pattern: string, quadratic: boolean) {
  const alphabet = [...new Set([...REPRESENTATIVES, ...pattern])];
  const memo = new Map<string, CharSet>();

  function setOf(source: string): CharSet {
    let set = memo.get(source);
    if (set === undefined) {
      // Case-insensitive on purpose: it can only add overlaps, so the check stays on the safe side.
      const re = new RegExp(`^${source}$`, 'iu');
      set = 0n;
      alphabet.forEach((c, k) => {
        if (re.test(c)) set! |= 1n << BigInt(k);
      });
      memo.set(source, set);
    }
    return set;
  }

  /** Every character the atom can consume anywhere inside it. */
  function charsOf(atom: Atom): CharSet {
    if (atom.kind === 'char') return setOf(atom.source);
    if (atom.kind === 'group') return atom.body.flat().reduce((set, item) => set | charsOf(item.atom), 0n);
    // A back-reference repeats text from elsewhere: treat it as any character.
    return atom.kind === 'backref' ? ~0n : 0n;
  }

  function nullable(item: Item): boolean {
    if (item.min === 0 || item.atom.kind === 'zero' || item.atom.kind === 'backref') return true;
    if (item.atom.kind === 'group') return item.atom.body.some((branch) => branch.every(nullable));
    return false;
  }

  /** Characters that can start a match of the sequence. */
  function firstOf(branch: Seq): CharSet {
    let set = 0n;
    for (const item of branch) {
      if (item.atom.kind === 'char') set |= setOf(item.atom.source);
      else if (item.atom.kind === 'group') set |= item.atom.body.reduce((s, b) => s | firstOf(b), 0n);
      else if (item.atom.kind === 'backref') set |= ~0n;
      if (!nullable(item)) break;
    }
    return set;
  }

  /** Characters that can end a match of the sequence. */
  function lastOf(branch: Seq): CharSet {
    return firstOf([...branch].reverse().map((item) => (item.atom.kind === 'group' ? { ...item, atom: { kind: 'group', body: item.atom.body.map((b) => [...b].reverse()) } } : item)));
  }

  /** Per-position character sets when every round of the branch has one fixed length, else undefined. */
  function fixedShape(branch: Seq): CharSet[] | undefined {
    const shape: CharSet[] = [];
    for (const item of branch) {
      if (item.atom.kind === 'zero') continue;
      if (item.atom.kind !== 'char' || item.min !== item.max) return undefined;
      for (let k = 0; k < item.min; k++) shape.push(setOf(item.atom.source));
    }
    return shape;
  }

  const variable = (item: Item) => item.max > 1 && item.max > item.min;

  /** The variably repeated items anywhere inside a sequence (lookarounds excluded: they do not consume). */
  function variableItems(branch: Seq): Item[] {
    const found: Item[] = [];
    for (const item of branch) {
      if (variable(item)) found.push(item);
      if (item.atom.kind === 'group') for (const inner of item.atom.body) found.push(...variableItems(inner));
    }
    return found;
  }

  function branchesOverlap(a: Seq, b: Seq): boolean {
    const shapeA = fixedShape(a);
    const shapeB = fixedShape(b);
    if (shapeA && shapeB && shapeA.length === shapeB.length) return shapeA.every((set, k) => (set & shapeB[k]) !== 0n);
    if (a.every(nullable) || b.every(nullable)) return true;
    return (firstOf(a) & firstOf(b)) !== 0n;
  }

  function checkRepeatedGroup(body: Alt): string | null {
    for (const branch of body) {
      for (const inner of variableItems(branch)) {
        const innerChars = charsOf(inner.atom);
        // A character every round must match and the inner repetition cannot: it marks where a round ends.
        const separated = branch.some((other) => other !== inner && other.min >= 1 && other.atom.kind === 'char' && (setOf(other.atom.source) & innerChars) === 0n);
        if (!separated) return 'a repeated group contains a repetition that can match the same text in many ways (as in "(a+)+")';
      }
    }
    for (let x = 0; x < body.length; x++) {
      for (let y = x + 1; y < body.length; y++) {
        if (branchesOverlap(body[x], body[y])) return 'a repeated group has alternatives that can match the same text (as in "(a|a)+")';
      }
    }
    // One round's end meets the next round's start: `(\s*,\s*)*` lets spaces between commas go to either round.
    for (const end of body) {
      for (const start of body) {
        if (adjacentRepeats([...end, ...start])) return 'a repeated group lets one round and the next match the same characters (as in "(\\s*,\\s*)*")';
      }
    }
    return null;
  }

  /** Two unbounded repetitions with only optional items between, where the first can end as the second starts. */
  function adjacentRepeats(branch: Seq): boolean {
    for (let x = 0; x < branch.length; x++) {
      if (branch[x].max !== Infinity) continue;
      const ends = lastOf([branch[x]]);
      for (let y = x + 1; y < branch.length; y++) {
        const next = branch[y];
        if (next.max === Infinity && (ends & firstOf([next])) !== 0n) return true;
        if (!nullable(next)) break;
      }
    }
    return false;
  }

  function checkSeq(branch: Seq): string | null {
    for (const item of branch) {
      if (item.atom.kind === 'group' || (item.atom.kind === 'zero' && item.atom.body)) {
        const body = item.atom.body!;
        if (item.atom.kind === 'group' && item.max > 1) {
          const reason = checkRepeatedGroup(body);
          if (reason) return reason;
        }
        for (const inner of body) {
          const reason = checkSeq(inner);
          if (reason) return reason;
        }
      }
    }
    return quadratic && adjacentRepeats(branch) ? 'two repetitions in a row can match the same characters (as in "\\d+\\d+")' : null;
  }

  return { check: () => parse(pattern).reduce<string | null>((reason, branch) => reason ?? checkSeq(branch), null) };
}

const verdicts = new Map<string, string | null>();

/**
 * Why the pattern could take super-linear time, or null when it is safe to run on any input. Call it only for a
 * pattern that compiles with the `u` flag. Exponential shapes are always refused: they would hang the code the
 * code chain exports too. The quadratic shape (rule 3) matters only where the engine backtracks, so a pattern that
 * runs on the linear-time engine is checked with `quadratic: false`.
 */
export function unsafeRegexReason(pattern: string, options: { quadratic?: boolean } = {}): string | null {
  if (pattern.length > MAX_PATTERN_CHARS) return `the pattern is longer than ${MAX_PATTERN_CHARS} characters`;
  const quadratic = options.quadratic ?? true;
  const key = `${quadratic ? 'q' : 'e'}${pattern}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    const reason = analyser(pattern, quadratic).check();
    verdict = reason ? `${reason}; matching could take minutes on some values. Rewrite it so each character can be matched only one way` : null;
    if (verdicts.size >= 1000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}
