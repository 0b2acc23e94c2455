import { maskQuoted } from './quotes.js';

/** Courtesy and filler around a request that carries no meaning for the plan. */
const LEADING = [
  /^(?:ok(?:ay)?|alright|so|now|also|and|then|finally|firstly|secondly|lastly|hey|hi|hello)\b[\s,:]*/i,
  /^(?:first|next|after that|afterwards)\s*,\s*/i,
  /^(?:please|pls|plz|kindly)\b[\s,:]*/i,
  /^(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?/i,
  /^(?:i\s+(?:want|need|would like|'d like|wanna)|we\s+(?:want|need|would like|'d like)|i'd\s+like|help\s+me)\s+(?:you\s+)?(?:to\s+)?/i,
  /^(?:let's|lets|let us|go ahead and|try to|make sure to|be sure to)\s+/i,
];
const TRAILING = [/[\s,]*(?:please|pls|thanks|thank you|for me|if you can|if possible)$/i, /[\s.!?;,]+$/];

function stripRepeatedly(text: string, patterns: RegExp[]): string {
  let current = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of patterns) {
      // Only outside quotes: a quoted value may well start with "please".
      const masked = maskQuoted(current);
      const m = re.exec(masked);
      if (m && m[0].length > 0) {
        current = m.index === 0 ? current.slice(m[0].length) : current.slice(0, m.index);
        current = current.trim();
        changed = true;
      }
    }
  }
  return current;
}

/** Collapses runs of whitespace outside quotes (quoted values are kept byte for byte). */
function collapseSpaces(text: string): string {
  const masked = maskQuoted(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(masked[i]) && masked[i] !== '\u0001') {
      if (!out.endsWith(' ')) out += ' ';
    } else out += text[i];
  }
  return out.trim();
}

/** One request as rules read it: single spaces, no courtesy words, no closing punctuation. */
export function cleanRequest(text: string): string {
  return stripRepeatedly(collapseSpaces(text), [...LEADING, ...TRAILING]);
}
