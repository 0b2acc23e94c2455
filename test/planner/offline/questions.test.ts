import { describe, expect, it } from 'vitest';
import { expectQuestion, plan, type QuestionCase } from './helpers.js';

/** Requests that must not become steps: each answers with one question (API.md §9.2) and plans nothing. */
const UNKNOWN_COLUMNS: QuestionCase[] = [
  { say: 'remove rows where emial is blank', on: 'shop', reason: 'unknown_column', asks: "Column 'emial' not found. Did you mean: email?", options: ['email'] },
  { say: 'lowercase emial', on: 'people', reason: 'unknown_column', asks: "Column 'emial' not found. Did you mean: email?", options: ['email'] },
  { say: 'drop the city column', on: 'shop', reason: 'unknown_column', asks: /^Column 'city' not found\. Available columns: order_id, customer, email, /, options: ['order_id', 'customer', 'email', 'country', 'status', 'price', 'quantity', 'discount', 'order_date', 'ship_date', 'region', 'category', 'tags', 'notes', 'zip', 'paid'] },
  { say: 'sort by revenue', on: 'shop', reason: 'unknown_column', asks: "Column 'revenue' not found." },
  { say: 'remove duplicate phone numbers', on: 'shop', reason: 'unknown_column', asks: "Column 'phone numbers' not found." },
  { say: 'trim names and remove duplicate emials', on: 'messy_marketing_leads', reason: 'unknown_column', asks: "Column 'emials' not found. Did you mean: email?" },
  { say: 'rename statsu to state', on: 'shop', reason: 'unknown_column', asks: "Column 'statsu' not found. Did you mean: status?", options: ['status'] },
  { say: 'fill empty discont with 0 and sort by cost', on: 'sales_data_raw', reason: 'unknown_column', asks: "Column 'cost' not found. Available columns: order_id, product_name," },
];

const AMBIGUOUS: QuestionCase[] = [
  { say: 'clean it up', on: 'shop', reason: 'ambiguous', asks: 'What should I clean up?' },
  { say: 'tidy up the data', on: 'survey_responses', reason: 'ambiguous', asks: 'What should I clean up?' },
  { say: 'fix the names', on: 'messy_marketing_leads', reason: 'ambiguous', asks: 'Which do you mean — first_name or last_name — and what should I change?', options: ['trim first_name', 'title case first_name', 'trim last_name', 'title case last_name'] },
  { say: 'clean up status', on: 'messy_marketing_leads', reason: 'ambiguous', asks: 'What should I change in status?' },
  { say: 'remove the bad rows', on: 'shop', reason: 'ambiguous', asks: 'Which rows count as bad?' },
  { say: 'delete junk records', on: 'dirty_customer_list', reason: 'ambiguous', asks: 'Which rows count as bad?' },
  { say: 'sort by date', on: 'shop', reason: 'ambiguous', asks: "'date' could mean order_date or ship_date. Which column do you mean?", options: ['order_date', 'ship_date'] },
  { say: 'lowercase the name', on: 'messy_marketing_leads', reason: 'ambiguous', asks: "'name' could mean first_name or last_name." },
  { say: 'group by region', on: 'shop', reason: 'ambiguous', asks: 'What should I calculate for each region?' },
  { say: 'remove rows where price is kinda high', on: 'shop', reason: 'ambiguous', asks: "'price' holds numbers, but 'kinda high' is not a number." },
  { say: 'remove rows where price > 100 and status is active or country is US', on: 'shop', reason: 'ambiguous', asks: 'mixes "and" and "or"' },
  { say: 'round unit_price to 2 decimals', on: 'sales_data_raw', reason: 'ambiguous', asks: "'unit_price' is stored as text (e.g. '$29.99')" },
  { say: 'keep rows where total_purchases > 1000', on: 'dirty_customer_list', reason: 'ambiguous', asks: "'total_purchases' is stored as text" },
  { say: 'fill missing customer with the mean', on: 'shop', reason: 'ambiguous', asks: "'customer' is not a number column, so it has no mean." },
  { say: 'rename customer to email', on: 'shop', reason: 'ambiguous', asks: 'column "email" already exists. Which name should the new column get?' },
  { say: 'pivot region by rep with sum of revenue and then sort by North', on: 'sales', reason: 'ambiguous', asks: 'the columns depend on the data' },
  { say: '', on: 'shop', reason: 'ambiguous', asks: 'What would you like to change in the data?' },
  { say: 'please', on: 'shop', reason: 'ambiguous', asks: 'What would you like to change in the data?' },
  { say: 'snake_case the column names', on: 'dirty_customer_list', reason: 'ambiguous', asks: 'The column names are already snake_case.' },
];

const UNSUPPORTED: QuestionCase[] = [
  { say: 'make a chart of price by region', on: 'shop', reason: 'unsupported', asks: "I can't draw charts" },
  { say: 'predict churn', on: 'shop', reason: 'unsupported', asks: "I can't build predictions or models" },
  { say: 'translate feedback to French', on: 'survey_responses', reason: 'unsupported', asks: "I can't translate text." },
  { say: 'undo', on: 'shop', reason: 'unsupported', asks: 'Undo, redo and rollback are not plan steps' },
  { say: 'export to excel', on: 'shop', reason: 'unsupported', asks: 'Exports are not plan steps' },
  { say: 'delete the file', on: 'shop', reason: 'unsupported', asks: "I won't delete the whole data set" },
  { say: 'join with vendors on email', on: 'shop', reason: 'unsupported', asks: "There is no attached table called 'vendors'." },
  { say: 'total = price * quantity + 5', on: 'shop', reason: 'unsupported', asks: 'I can combine two values per step.' },
  { say: 'trim customer and make a chart', on: 'shop', reason: 'unsupported', asks: "I can't draw charts" },
  { say: 'how many rows are there?', on: 'shop', reason: 'unsupported', asks: 'That is a question about the data' },
  { say: 'hmm', on: 'shop', reason: 'unsupported', asks: `I can't do "hmm" as a data change.` },
];

const LOW_CONFIDENCE: QuestionCase[] = [
  { say: 'convert stuff', on: 'shop', reason: 'low_confidence', asks: `I'm not sure what to do with "convert stuff".` },
  { say: 'remove rows where it looks odd', on: 'shop', reason: 'low_confidence', asks: "I couldn't read the condition 'it looks odd'." },
];

describe('offline planner: clarifying questions, never steps', () => {
  it.each(UNKNOWN_COLUMNS)('unknown column: $say', async (c) => {
    await expectQuestion(c);
  });
  it.each(AMBIGUOUS)('ambiguous: $say', async (c) => {
    await expectQuestion(c);
  });
  it.each(UNSUPPORTED)('unsupported: $say', async (c) => {
    await expectQuestion(c);
  });
  it.each(LOW_CONFIDENCE)('low confidence: $say', async (c) => {
    await expectQuestion(c);
  });

  it('a question for one request of several drops the whole message (no partial plan)', async () => {
    const result = await plan('trim customer, sort by price and drop the city column', 'shop');
    expect(result.steps).toEqual([]);
    expect(result.clarification?.reason).toBe('unknown_column');
  });

  // The options of a vague request are requests the planner understands: picking one gives a concrete plan.
  it.each(['dirty_customer_list', 'messy_marketing_leads', 'sales_data_raw', 'survey_responses', 'shop', 'people'])('every option offered for "clean it up" on %s plans steps', async (on) => {
    const question = await plan('clean it up', on);
    expect(question.clarification?.options.length).toBeGreaterThan(0);
    for (const option of question.clarification!.options) {
      const answer = await plan(option, on);
      expect(answer.clarification, `${option}: ${answer.clarification?.question}`).toBeNull();
      expect(answer.steps.length).toBeGreaterThan(0);
    }
  });
});
