import { z } from 'zod';
import { regexError } from '../values/regex.js';

/** Zod building blocks for primitive parameters (PRIMITIVES.md §4 notation). Objects are strict: use `params()`. */
export const params = z.strictObject;

/** `column`: the name of an existing column (existence is checked against the step's input, not here). */
export const column = z.string().min(1, 'must be a column name');

/** `column[]`: a non-empty list of distinct columns. */
export const columnList = z
  .array(column)
  .min(1, 'must list at least one column')
  .refine((list) => new Set(list).size === list.length, { message: 'must not list a column twice' });

/** `column | column[]`: one name is wrapped into a list (the only leniency, §1.3). */
export const columnOrList = z.union([column.transform((c) => [c]), columnList]).pipe(columnList);

/** `newcol`: a name for an output column (rule D, §2.8). */
export const newColumn = z.string().min(1, 'must be a non-empty column name');

/** `regex`: compiled at validation; a bad pattern is INVALID_REGEX with the engine's message. */
export const regex = z.string().superRefine((pattern, ctx) => {
  const message = regexError(pattern);
  if (message) ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${message}`, params: { code: 'INVALID_REGEX' } });
});

/** `seed`: required by the engine; the command layer fills one in and records it (§1.5). */
export const seed = z.number().int().min(0).max(4294967295);

export const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const finiteNumber = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
