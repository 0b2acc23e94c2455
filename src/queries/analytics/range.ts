import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { utcDay } from '../../projections/read-models/analytics-applies.js';

/** The days an analytics report covers (API.md §14): UTC dates, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

export const DEFAULT_SPAN_DAYS = 30;
export const MAX_SPAN_DAYS = 366;
const DAY_MS = 86_400_000;

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is refused, not rolled over). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && utcDay(date) === text;
}

export const dayQuery = z.string().refine(isDay, { message: 'must be a UTC date, YYYY-MM-DD' });

export const addDays = (day: string, n: number): string => utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS));

/** Days from `from` to `to`, both included (1 for a single day). */
export const spanDays = (range: DayRange): number => Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY_MS) + 1;

export function everyDay(range: DayRange): string[] {
  return Array.from({ length: Math.max(0, spanDays(range)) }, (_, i) => addDays(range.from, i));
}

function invalid(path: 'from' | 'to', message: string): AppError {
  return new AppError('VALIDATION_ERROR', `Invalid query: ${message}`, {
    suggestion: `Ask for at most ${MAX_SPAN_DAYS} days, with from on or before to (YYYY-MM-DD, UTC).`,
    details: { errors: [{ location: 'query', path, message }] },
  });
}

/**
 * The range asked for: the last 30 days up to today when neither end is given, the 30 days ending at `to` when
 * only `to` is, and up to today when only `from` is. At most 366 days; `from` after `to` is refused.
 */
export function resolveRange(query: { from?: string; to?: string }, now: Date): DayRange {
  for (const path of ['from', 'to'] as const) {
    const value = query[path];
    if (value !== undefined && !isDay(value)) throw invalid(path, `${path} must be a UTC date, YYYY-MM-DD`);
  }
  const to = query.to ?? utcDay(now);
  const from = query.from ?? addDays(to, -(DEFAULT_SPAN_DAYS - 1));
  const range = { from, to };
  if (from > to) throw invalid('from', `from (${from}) is after to (${to})`);
  if (spanDays(range) > MAX_SPAN_DAYS) throw invalid('to', `the range spans ${spanDays(range)} days; at most ${MAX_SPAN_DAYS} are allowed`);
  return range;
}
