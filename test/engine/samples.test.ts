/**
 * The four shipped samples (API.md §16) must upload, and their profiles must show the problems a
 * person sees when opening them: mixed date formats, currency text, casing, duplicates, blanks,
 * placeholder texts and numbers written as words.
 */
import { describe, expect, it } from 'vitest';
import { profileTable, readCsv, summarizeProfile, type Profile } from '../../src/engine/index.js';
import { sample, types } from './helpers.js';

function load(name: string) {
  const { table, ingest } = readCsv(sample(name));
  return { table, ingest, profile: profileTable(table, ingest) };
}

function issue(profile: Profile, column: string | null, type: string) {
  const list = column === null ? profile.issues : profile.columns.find((c) => c.name === column)!.issues;
  return list.find((i) => i.issue_type === type);
}

function semantic(profile: Profile): Record<string, string> {
  return Object.fromEntries(profile.columns.map((c) => [c.name, c.semantic_type]));
}

describe('dirty_customer_list.csv', () => {
  const { table, ingest, profile } = load('dirty_customer_list');

  it('reads every row, joining the two dates split by a comma', () => {
    expect(profile.row_count).toBe(12);
    expect(profile.column_count).toBe(9);
    expect(ingest).toMatchObject({ encoding: 'utf-8', delimiter: ',', header_row: 0, header_confidence: 1, bad_line_count: 2 });
    expect(ingest.bad_lines.map((b) => [b.line, b.action])).toEqual([[6, 'repaired'], [8, 'repaired']]);
    expect(table.table.array('signup_date')).toContain('June 15, 2023');
    expect(types(table).total_purchases).toBe('string');
  });

  it('recognizes what the columns hold', () => {
    expect(semantic(profile)).toMatchObject({
      customer_id: 'id', full_name: 'name', email_address: 'email', phone: 'phone',
      signup_date: 'date', total_purchases: 'currency', last_order: 'date',
    });
  });

  it('reports duplicates, blanks, whitespace, casing and mixed formats', () => {
    expect(profile.duplicate_row_count).toBe(2);
    expect(issue(profile, null, 'duplicate_rows')?.description).toBe('2 duplicate rows (16.7% of dataset)');
    expect(issue(profile, 'full_name', 'whitespace')?.affected_count).toBe(2);
    expect(issue(profile, 'full_name', 'inconsistent_casing')).toBeDefined();
    expect(issue(profile, 'state', 'inconsistent_casing')).toBeDefined();
    expect(issue(profile, 'email_address', 'missing_values')?.affected_count).toBe(1);
    expect(issue(profile, 'phone', 'null_placeholder')?.examples).toEqual(['N/A']);
    expect(issue(profile, 'phone', 'mixed_phone_formats')).toBeDefined();
    expect(issue(profile, 'signup_date', 'mixed_date_formats')?.examples).toContain('June 15, 2023');
    expect(issue(profile, 'total_purchases', 'mixed_currency_formats')).toBeDefined();
    expect(issue(profile, null, 'ragged_lines')?.affected_count).toBe(2);
  });

  it('computes statistics of currency text', () => {
    const col = profile.columns.find((c) => c.name === 'total_purchases')!;
    expect(col.min_value).toBe(450.75);
    expect(col.max_value).toBe(5000);
    expect(col.statistics?.median).toBe(1250);
  });
});

describe('messy_marketing_leads.csv', () => {
  const { ingest, profile } = load('messy_marketing_leads');

  it('reads 13 leads and reports the split date line', () => {
    expect(profile.row_count).toBe(13);
    expect(ingest.bad_lines).toEqual([{ line: 10, fields: 11, expected: 10, action: 'repaired' }]);
    expect(profile.columns.find((c) => c.name === 'lead_id')?.dtype).toBe('int64');
  });

  it('finds scores written as words, placeholders, typos and unreadable dates', () => {
    expect(semantic(profile)).toMatchObject({ lead_id: 'id', email: 'email', lead_score: 'numeric', status: 'category' });
    expect(issue(profile, 'lead_score', 'numbers_stored_as_text')?.examples).toEqual(['seventy-two', 'fifty-five']);
    expect(issue(profile, 'lead_score', 'null_placeholder')?.examples).toEqual(['n/a']);
    expect(issue(profile, 'status', 'possible_typos')?.examples).toEqual(['Qualifed']);
    expect(issue(profile, 'status', 'whitespace')?.examples).toEqual(['  contacted']);
    expect(issue(profile, 'created_date', 'mixed_date_formats')).toBeDefined();
    expect(issue(profile, 'created_date', 'unparseable_dates')?.examples).toEqual(['24/01/2024']);
    expect(profile.duplicate_row_count).toBe(1);
  });

  it('summarizes like the upload response', () => {
    const summary = summarizeProfile(profile);
    expect(summary.row_count).toBe(13);
    expect(summary.columns[3]).toEqual({
      name: 'email', dtype: 'object', semantic_type: 'email', null_count: 0, null_percent: 0, unique_count: 12,
    });
    expect(summary.issues[0]).toBe('1 line had the wrong number of fields (1 repaired)');
    expect(summary.issues[1]).toBe('1 duplicate rows (7.7% of dataset)');
    expect(summary.issues).toContain('[status] 1 values have leading/trailing whitespace');
    expect(summary.issues.length).toBeLessThanOrEqual(20);
    expect(summary.duplicate_row_count).toBe(1);
  });
});

describe('sales_data_raw.csv', () => {
  const { profile } = load('sales_data_raw');

  it('finds currency text, percent spellings and mixed dates', () => {
    expect(profile.row_count).toBe(13);
    expect(semantic(profile)).toMatchObject({
      order_id: 'id', category: 'category', unit_price: 'currency', quantity: 'numeric', discount: 'percentage',
      order_date: 'date', region: 'category',
    });
    expect(issue(profile, 'unit_price', 'mixed_currency_formats')?.examples).toEqual(['12.99', '79.99 USD', '14.99 dollars']);
    expect(issue(profile, 'discount', 'mixed_percentage_formats')).toBeDefined();
    expect(issue(profile, 'discount', 'numbers_stored_as_text')?.examples).toEqual(['twelve percent']);
    expect(issue(profile, 'order_date', 'mixed_date_formats')).toBeDefined();
    expect(issue(profile, 'category', 'inconsistent_casing')).toBeDefined();
    expect(issue(profile, 'ship_date', 'missing_values')?.affected_count).toBe(2);
    expect(profile.duplicate_row_count).toBe(1);
  });
});

describe('survey_responses.csv', () => {
  const { ingest, profile } = load('survey_responses');

  it('reads quoted commas without bad lines', () => {
    expect(profile.row_count).toBe(12);
    expect(ingest.bad_line_count).toBe(0);
    expect(profile.issues).toEqual([]);
  });

  it("flags 'thirty-two' in the age column and the other survey problems", () => {
    expect(semantic(profile)).toMatchObject({
      response_id: 'id', respondent_name: 'name', email: 'email', age: 'numeric', gender: 'category',
      satisfaction_score: 'numeric', submitted_at: 'datetime', would_recommend: 'category',
    });
    const age = issue(profile, 'age', 'numbers_stored_as_text');
    expect(age?.examples).toEqual(['thirty-two', 'fifty']);
    expect(age?.description).toContain('numbers written as words');
    expect(issue(profile, 'age', 'null_placeholder')?.examples).toEqual(['N/A']);
    expect(issue(profile, 'gender', 'inconsistent_casing')).toBeDefined();
    expect(issue(profile, 'respondent_name', 'whitespace')?.affected_count).toBe(3);
    expect(issue(profile, 'email', 'missing_values')?.affected_count).toBe(2);
    expect(issue(profile, 'submitted_at', 'mixed_date_formats')).toBeDefined();
    const age_stats = profile.columns.find((c) => c.name === 'age')!;
    expect([age_stats.min_value, age_stats.max_value]).toEqual([22, 55]);
  });
});

describe('every sample', () => {
  it.each(['dirty_customer_list', 'messy_marketing_leads', 'sales_data_raw', 'survey_responses'])(
    '%s profiles deterministically into plain JSON',
    (name) => {
      const a = load(name).profile;
      const b = load(name).profile;
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      expect(a.file_size_bytes).toBe(sample(name).length);
      expect(a.sample_rows).toHaveLength(3);
    },
  );
});
