import { z } from 'zod';
import { scalar } from '../../plan/param-types.js';
import { scalarText } from './shared.js';

/**
 * Whole-value mapping shared by `normalize_enum_values` (§4.9) and the rule of `standardize_values` (§4.3): a cell
 * maps to a canonical value when its text form, trimmed and folded unless case-sensitive, equals the trimmed,
 * folded text form of one of the canonical's variants or of the canonical itself.
 */
export interface ValueMapping {
  /** the canonical value for a cell's text form, or undefined when it is unmapped */
  lookup(text: string): string | undefined;
  /** a variant listed under two canonicals (after folding), or null */
  conflict: { variant: string; first: string; second: string } | null;
}

export function buildValueMapping(mapping: Record<string, readonly (string | number | boolean | null)[]>, caseSensitive: boolean): ValueMapping {
  const key = (text: string) => (caseSensitive ? text.trim() : text.trim().toLowerCase());
  const canonicalOf = new Map<string, string>();
  let conflict: ValueMapping['conflict'] = null;
  for (const [canonical, variants] of Object.entries(mapping)) {
    for (const variant of [canonical, ...variants.map(scalarText)]) {
      if (variant === null) continue;
      const k = key(variant);
      const owner = canonicalOf.get(k);
      if (owner !== undefined && owner !== canonical) conflict ??= { variant, first: owner, second: canonical };
      else canonicalOf.set(k, canonical);
    }
  }
  return { lookup: (text) => canonicalOf.get(key(text)), conflict };
}

/** `mapping`: each target value → the variants written as it (`standard` in standardize_values, `canonical` in normalize_enum_values). */
export const valueMappingSchema = (word: string) =>
  z
    .record(z.string().min(1, `a ${word} value must not be empty`), z.array(scalar))
    .refine((m) => Object.keys(m).length > 0, { message: `must map at least one ${word} value` });

/** A variant listed under two targets is ambiguous: refused at validation. */
export function refineMappingConflict(p: { mapping: Record<string, (string | number | boolean | null)[]>; case_sensitive: boolean }, ctx: z.RefinementCtx): void {
  const conflict = buildValueMapping(p.mapping, p.case_sensitive).conflict;
  if (conflict) {
    ctx.addIssue({ code: 'custom', path: ['mapping'], message: `"${conflict.variant}" is listed under both "${conflict.first}" and "${conflict.second}"` });
  }
}
