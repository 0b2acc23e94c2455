import { describe, expect, it } from 'vitest';
import { getPrimitive } from '../../../../src/engine/plan/index.js';
import { textPrimitives } from '../../../../src/engine/primitives/text/index.js';

describe('text primitives in the registry', () => {
  it('are registered with their examples valid against their own params', () => {
    expect(textPrimitives.map((p) => p.name)).toEqual([
      'trim_whitespace', 'find_replace', 'extract_text', 'text_length', 'pad_text', 'remove_characters', 'string_contains', 'substring', 'regex_replace', 'regex_extract',
    ]);
    for (const p of textPrimitives) {
      expect(getPrimitive(p.name)).toBe(p);
      expect(p.examples.length).toBeGreaterThanOrEqual(2);
      for (const example of p.examples) expect(p.params.safeParse(example.params).success, `${p.name}: ${example.prompt}`).toBe(true);
      expect(p.summary(p.params.parse(p.examples[0].params))).toBeTruthy();
    }
  });
});
