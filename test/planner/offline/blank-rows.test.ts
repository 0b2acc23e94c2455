import { describe, it } from 'vitest';
import { expectPlan, profileOf } from './helpers.js';

const everyColumn = (on: string) => profileOf(on).columns.map((c) => ({ column: c.name, operator: 'isnull' }));

/** Requests about blank rows name no column: the conditions cover every column of the table at hand. */
describe('offline planner: blank rows over every column', () => {
  const ON = ['dirty_customer_list', 'messy_marketing_leads', 'sales_data_raw', 'survey_responses', 'shop'];
  it.each(ON.flatMap((on) => ['drop empty rows', 'remove blank rows', 'delete rows that are completely empty'].map((say) => ({ say, on }))))('$say (on $on): every cell blank', async ({ say, on }) => {
    await expectPlan({ say, on, steps: [{ op: 'filter_rows', params: { conditions: everyColumn(on), logic: 'and', keep: false } }] });
  });
  it.each(ON.flatMap((on) => ['remove rows with missing values', 'drop rows that have any blanks', 'remove incomplete rows', 'keep only complete rows', 'drop nulls'].map((say) => ({ say, on }))))('$say (on $on): any cell blank', async ({ say, on }) => {
    await expectPlan({ say, on, steps: [{ op: 'filter_rows', params: { conditions: everyColumn(on), logic: 'or', keep: false } }] });
  });
});
