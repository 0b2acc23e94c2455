import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { calculatePrimitives } from '../../../../src/engine/primitives/calculate/index.js';

const NAMES = [
  'math_operation', 'round_numbers', 'percentage', 'running_total', 'rank', 'conditional_value', 'floor_ceil', 'bin_values', 'absolute_value',
  'is_between', 'case_when', 'dense_rank', 'ntile', 'lag', 'lead', 'moving_average', 'percent_rank', 'first_value',
];

describe('calculate catalogue', () => {
  it('registers the 18 primitives of §4.5 in order', () => {
    expect(calculatePrimitives.map((p) => p.name)).toEqual(NAMES);
    for (const name of NAMES) expect(getPrimitive(name)?.category).toBe('calculate');
  });

  it('every primitive has 2+ examples whose params parse, a summary, and a whole-step JS rendering', () => {
    for (const p of calculatePrimitives) {
      expect(p.examples.length, p.name).toBeGreaterThanOrEqual(2);
      expect(p.rowsMayChange, p.name).toBe(false);
      for (const example of p.examples) {
        const parsed = p.params.safeParse(example.params);
        expect(parsed.success, `${p.name}: ${example.prompt}`).toBe(true);
        expect(p.summary(parsed.data).length).toBeGreaterThan(0);
      }
    }
  });
});
