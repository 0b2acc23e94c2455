/**
 * The engine's scalar functions that rendered code calls as `op.md_<name>(…)` inside Arquero verbs (PRIMITIVES.md
 * §1.6). Each is the engine's own function, so a derive in a module computes exactly what the step computes.
 */
import * as aq from 'arquero';
import { roundDecimal } from '../values/numbers.js';

type RoundMode = 'round' | 'floor' | 'ceil';

export const MD_FUNCTIONS = {
  /** Decimal rounding of §2.5 (half away from zero, or floor/ceil at that decimal position); null stays null. */
  md_round: (x: number | null, decimals: number, mode: RoundMode = 'round'): number | null =>
    x === null || x === undefined ? null : roundDecimal(x, decimals, mode),
} as const;

let registered = false;

/** Registers every `op.md_*` function with Arquero (once per process). */
export function registerMdFunctions(): void {
  if (registered) return;
  for (const [name, fn] of Object.entries(MD_FUNCTIONS)) aq.addFunction(name, fn, { override: true });
  registered = true;
}
