/**
 * Joins a textual date that an unquoted comma split in two: `…,June 15, 2023,…` reads as the
 * fields `June 15` and ` 2023`. Spreadsheet exports and hand-written files do this often (all four
 * shipped samples have such lines), and skipping the line would lose a whole row over one comma.
 *
 * Only this unambiguous shape is joined — a month name with a day, followed by a field that is
 * just a 4-digit year (optionally with a time), or a weekday name followed by such a month-day —
 * and only while the record is too long. The reader lists each joined record as a bad line with
 * action `repaired`, so nothing happens silently.
 */

const MONTH =
  '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
const WEEKDAY_WORD = '(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\\.?';
const DAY = '\\d{1,2}(st|nd|rd|th)?';
const MONTH_DAY = new RegExp(
  `^\\s*(${WEEKDAY_WORD},?\\s+)?(${MONTH}\\s+${DAY}|${DAY}\\s+${MONTH})\\s*$`,
  'i',
);
const YEAR_REST = /^\s*\d{4}(\s+\d{1,2}:\d{2}(:\d{2})?(\s?[ap]m)?)?\s*$/i;
const WEEKDAY = new RegExp(`^\\s*${WEEKDAY_WORD}\\s*$`, 'i');

/** Returns the record with split dates joined when that gives exactly `width` fields, else null. */
export function repairSplitDates(fields: string[], width: number, delimiter: string): string[] | null {
  const out = fields.slice();
  for (let i = 0; i < out.length - 1 && out.length > width; ) {
    const joinsYear = MONTH_DAY.test(out[i]) && YEAR_REST.test(out[i + 1]);
    const joinsWeekday = WEEKDAY.test(out[i]) && MONTH_DAY.test(out[i + 1]);
    if (joinsYear || joinsWeekday) {
      out.splice(i, 2, out[i] + delimiter + out[i + 1]);
      if (joinsYear) i++;
      // after a weekday join, look at the same field again: its year may follow
    } else {
      i++;
    }
  }
  return out.length === width ? out : null;
}
