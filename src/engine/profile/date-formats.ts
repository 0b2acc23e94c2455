/**
 * Which date format a text is written in, as a strftime pattern (`%Y-%m-%d`, `%m/%d/%Y`,
 * `%B %d, %Y %I:%M %p`, …). The recogniser is the date primitives' own priority list (PRIMITIVES.md
 * §2.10, `values/dates`), so the profile describes exactly what those primitives will read; numeric
 * `a/b/Y` dates get their month/day order once per column via {@link resolveDateFormats}.
 */
import { decideDayFirst, matchDate, resolveMatch, type DateMatch } from '../values/dates/index.js';

export type { DateMatch };

export function classifyDate(text: string): DateMatch | null {
  return matchDate(text);
}

/**
 * Gives numeric `a/b/Y` matches their format for the whole column (§2.10: day-first when some
 * value has a > 12 ≥ b and none has b > 12 ≥ a, else month-first). A value invalid in the chosen
 * order becomes null (unparseable), like `24/01/2024` among month-first dates.
 */
export function resolveDateFormats(matches: (DateMatch | null)[]): { formats: (string | null)[]; dayFirst: boolean } {
  const dayFirst = decideDayFirst(matches);
  const formats = matches.map((d) => (d ? resolveMatch(d, dayFirst)?.format ?? null : null));
  return { formats, dayFirst };
}
