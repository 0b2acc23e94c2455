import { describe, expect, it } from 'vitest';
import { createOfflinePlanner } from '../../../src/planner/offline/index.js';
import type { ChatTurn } from '../../../src/planner/types.js';
import { expectValidSteps, profileOf } from './helpers.js';

const planner = createOfflinePlanner();
const after = (previous: string): ChatTurn[] => [
  { role: 'user', content: 'remove duplicates' },
  { role: 'assistant', content: "I'll remove duplicate rows." },
  { role: 'user', content: previous },
  { role: 'assistant', content: 'Added to your plan (1 step queued).' },
];

/** "do the same for last_name": the newest earlier user message, planned again for the new column(s). */
describe('offline planner: repeating the previous request for other columns', () => {
  it.each([
    ['trim first_name', 'do the same for last_name', [{ op: 'trim_whitespace', params: { columns: ['last_name'], trim_type: 'both' } }], 'Trim leading and trailing whitespace in last_name'],
    ['title case first_name', 'same for last_name and city', [{ op: 'change_text_casing', params: { column: 'last_name', case: 'title' } }, { op: 'change_text_casing', params: { column: 'city', case: 'title' } }], 'Change last_name to Title Case'],
    ['remove rows where email is blank', 'and for company too', [{ op: 'filter_rows', params: { conditions: [{ column: 'company', operator: 'isnull' }], logic: 'and', keep: false } }], 'Remove rows where company is blank'],
    ['fill empty age with the median', 'do the same for score', [{ op: 'fill_blanks', params: { column: 'score', method: 'median' } }], 'Fill blank score with the median'],
  ])('%s, then "%s"', async (previous, message, steps, explanation) => {
    const result = await planner.plan({ message, profile: profileOf('people'), history: after(previous) });
    expect(result.clarification).toBeNull();
    expect(result.steps.map((s) => ({ op: s.op, params: s.params }))).toEqual(steps);
    expect(result.steps[0].explanation).toBe(explanation);
    expectValidSteps(result, 'people');
  });

  it('asks when the previous request touched several columns, or there is none', async () => {
    const several = await planner.plan({ message: 'same for balance', profile: profileOf('people'), history: after('total = age * score') });
    expect(several.steps).toEqual([]);
    expect(several.clarification?.question).toBe('The previous request worked on age, score. Please say the whole request again for balance.');
    const none = await planner.plan({ message: 'do the same for city', profile: profileOf('people'), history: [] });
    expect(none.clarification?.reason).toBe('ambiguous');
  });
});
