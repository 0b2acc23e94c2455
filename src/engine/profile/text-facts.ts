/**
 * What the texts of a string column look like, counted over its distinct values weighted by how
 * often each occurs. Cheap checks (whitespace, placeholders) see every distinct value; the
 * pattern checks see the first 20 000 distinct values, which is exact for the low-cardinality
 * columns where formats matter and bounded for million-row free text.
 */
import type { ColumnScan } from './column-scan.js';
import { classifyDate, resolveDateFormats, type DateMatch } from './date-formats.js';
import {
  caseStyleOf,
  EMAIL,
  isBooleanWord,
  isCodeLike,
  isFormattedPhone,
  isNumberText,
  isPersonNameLike,
  isPhoneLike,
  isPlaceholder,
  isSpelledNumber,
  moneyOf,
  percentOf,
  shapeOf,
  TIME_OF_DAY,
  URL_LIKE,
  ZIPCODE,
} from './value-patterns.js';

export const PATTERN_SAMPLE = 20_000;

/** A count with the first few distinct texts that made it. */
export class Tally {
  count = 0;
  readonly examples: string[] = [];
  add(text: string, n: number): void {
    this.count += n;
    if (this.examples.length < 5 && !this.examples.includes(text)) this.examples.push(text);
  }
}

/** Tallies keyed by a format name, in first-appearance order. */
export class FormatTally {
  readonly byFormat = new Map<string, Tally>();
  add(format: string, text: string, n: number): void {
    let t = this.byFormat.get(format);
    if (!t) this.byFormat.set(format, (t = new Tally()));
    t.add(text, n);
  }
  /** Most frequent format, ties by first appearance. */
  dominant(): [string, Tally] | null {
    let best: [string, Tally] | null = null;
    for (const entry of this.byFormat) if (!best || entry[1].count > best[1].count) best = entry;
    return best;
  }
  get total(): number {
    let n = 0;
    for (const t of this.byFormat.values()) n += t.count;
    return n;
  }
}

export interface TextFacts {
  /** non-null values */
  total: number;
  /** non-null values that are not placeholders or whitespace-only: the base of every share */
  effective: number;
  /** whether pattern checks saw only the first {@link PATTERN_SAMPLE} distinct values */
  capped: boolean;
  /** `effective` restricted to the pattern sample */
  sampled: number;
  placeholders: Tally;
  whitespace: Tally;
  whitespaceOnly: Tally;
  email: Tally;
  notEmail: Tally;
  url: Tally;
  phone: Tally;
  formattedPhone: Tally;
  phoneShapes: FormatTally;
  zipcode: Tally;
  time: Tally;
  numbers: Tally;
  /** values that are not numbers (spelled-out numbers included), placeholders excluded */
  nonNumbers: Tally;
  spelled: Tally;
  money: FormatTally;
  notMoney: Tally;
  percent: FormatTally;
  notPercent: Tally;
  dates: FormatTally;
  datesWithTime: number;
  /** texts that are not dates, or not valid in the column's day/month order (`24/01/2024` among month-first dates) */
  badDates: Tally;
  dayFirst: boolean;
  codes: Tally;
  personNames: Tally;
  booleanWords: Tally;
  cases: FormatTally;
  shapes: FormatTally;
  /** distinct values once trimmed and lower-cased, with counts */
  folded: Map<string, Tally>;
}

export function textFacts(scan: ColumnScan): TextFacts {
  const f: TextFacts = {
    total: scan.rows - scan.nullCount, effective: 0, capped: scan.distinct.length > PATTERN_SAMPLE, sampled: 0,
    placeholders: new Tally(), whitespace: new Tally(), whitespaceOnly: new Tally(), email: new Tally(), notEmail: new Tally(),
    url: new Tally(), phone: new Tally(), formattedPhone: new Tally(), phoneShapes: new FormatTally(),
    zipcode: new Tally(), time: new Tally(), numbers: new Tally(), nonNumbers: new Tally(), spelled: new Tally(),
    money: new FormatTally(), notMoney: new Tally(), percent: new FormatTally(), notPercent: new Tally(), dates: new FormatTally(), datesWithTime: 0,
    badDates: new Tally(), dayFirst: false, codes: new Tally(), personNames: new Tally(),
    booleanWords: new Tally(), cases: new FormatTally(), shapes: new FormatTally(), folded: new Map(),
  };
  const dateMatches: DateMatch[] = [];
  const dateTexts: [string, number][] = [];

  scan.distinct.forEach((value, i) => {
    const text = String(value);
    const n = scan.counts[i];
    const t = text.trim();
    if (t === '') return f.whitespaceOnly.add(text, n);
    if (t !== text) f.whitespace.add(text, n);
    if (isPlaceholder(t)) return f.placeholders.add(text, n);
    f.effective += n;
    if (i >= PATTERN_SAMPLE) return;
    f.sampled += n;
    const folded = t.toLowerCase();
    const group = f.folded.get(folded) ?? new Tally();
    group.add(t, n);
    f.folded.set(folded, group);

    if (EMAIL.test(t)) f.email.add(t, n);
    else f.notEmail.add(t, n);
    if (URL_LIKE.test(t)) f.url.add(t, n);
    if (ZIPCODE.test(t)) f.zipcode.add(t, n);
    if (TIME_OF_DAY.test(t)) f.time.add(t, n);
    if (isCodeLike(t)) f.codes.add(t, n);
    if (isPersonNameLike(t)) f.personNames.add(t, n);
    if (isBooleanWord(t)) f.booleanWords.add(t, n);
    if (isPhoneLike(t)) {
      f.phone.add(t, n);
      if (isFormattedPhone(t)) f.formattedPhone.add(t, n);
      f.phoneShapes.add(shapeOf(t), t, n);
    }
    if (isNumberText(t)) f.numbers.add(t, n);
    else {
      f.nonNumbers.add(t, n);
      if (isSpelledNumber(t)) f.spelled.add(t, n);
    }
    const money = moneyOf(t);
    if (money) f.money.add(money.format, t, n);
    else f.notMoney.add(t, n);
    const percent = percentOf(t);
    if (percent) f.percent.add(percent.format, t, n);
    else f.notPercent.add(t, n);
    const date = classifyDate(t);
    if (date) {
      dateMatches.push(date);
      dateTexts.push([t, n]);
    } else {
      f.badDates.add(t, n);
    }
    f.cases.add(caseStyleOf(t), t, n);
    if (t.length <= 40) f.shapes.add(shapeOf(t), t, n);
  });

  const { formats, dayFirst } = resolveDateFormats(dateMatches);
  f.dayFirst = dayFirst;
  formats.forEach((format, i) => {
    const [text, n] = dateTexts[i];
    if (format === null) f.badDates.add(text, n);
    else {
      f.dates.add(format, text, n);
      if (dateMatches[i].hasTime) f.datesWithTime += n;
    }
  });
  return f;
}

/** Share of the sampled effective values that a tally covers (0 when there are none). */
export function share(f: TextFacts, count: number): number {
  return f.sampled === 0 ? 0 : count / f.sampled;
}
