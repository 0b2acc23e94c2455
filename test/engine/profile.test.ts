import { describe, expect, it } from 'vitest';
import {
  classifyDate,
  makeDataTable,
  profileTable,
  resolveDateFormats,
  summarizeProfile,
  type ColumnProfile,
  type Profile,
} from '../../src/engine/index.js';
import { read } from './helpers.js';

const profileOf = (csv: string): Profile => {
  const { table, ingest } = read(csv);
  return profileTable(table, ingest);
};
const col = (p: Profile, name: string): ColumnProfile => p.columns.find((c) => c.name === name)!;
const issueTypes = (c: ColumnProfile): string[] => c.issues.map((i) => i.issue_type);

describe('profileTable: column basics', () => {
  it('reports dtype, counts, samples, top values and statistics', () => {
    const p = profileOf('n,s\n1,a\n2,b\n3,a\n4,\n5,a\n6,b\n7,a\n8,c\n9,a\n10,a\n');
    const n = col(p, 'n');
    expect(n).toMatchObject({
      dtype: 'int64', inferred_type: 'integer', semantic_type: 'numeric', null_count: 0, unique_count: 10,
      is_unique: true, sample_values: [1, 2, 3, 4, 5], min_value: 1, max_value: 10,
    });
    expect(n.statistics).toEqual({
      mean: 5.5, median: 5.5, std: 3.02765035409749, q1: 3.25, q3: 7.75, skewness: 0, outlier_count: 0,
      outlier_bounds: [-3.5, 14.5],
    });
    const s = col(p, 's');
    expect(s).toMatchObject({ dtype: 'object', null_count: 1, null_percent: 10, unique_count: 3, is_unique: false });
    expect(s.distribution).toEqual({
      top_values: [
        { value: 'a', count: 6, percent: 66.67 },
        { value: 'b', count: 2, percent: 22.22 },
        { value: 'c', count: 1, percent: 11.11 },
      ],
      cardinality: 3,
      is_categorical: true,
    });
    expect(s.statistics).toBeNull();
    expect(p.complete_row_count).toBe(9);
  });

  it('profiles datetime, boolean and all-null columns', () => {
    const p = profileOf('d,t,b,e\n2024-01-02,2024-01-02 10:00:00,true,\n2023-05-06,2024-01-03 00:00:00,false,\n');
    expect(col(p, 'd')).toMatchObject({
      dtype: 'datetime64[ns]', inferred_type: 'date', semantic_type: 'date', date_format: '%Y-%m-%d',
      min_value: '2023-05-06', max_value: '2024-01-02', sample_values: ['2024-01-02', '2023-05-06'],
    });
    expect(col(p, 't')).toMatchObject({ inferred_type: 'datetime', semantic_type: 'datetime', max_value: '2024-01-03 00:00:00' });
    expect(col(p, 'b')).toMatchObject({ dtype: 'bool', semantic_type: 'boolean' });
    expect(col(p, 'e')).toMatchObject({ dtype: 'object', inferred_type: 'empty', semantic_type: 'unknown', null_percent: 100 });
    expect(col(p, 'e').issues[0]).toMatchObject({ issue_type: 'missing_values', severity: 'critical' });
  });

  it('profiles an empty table', () => {
    const dt = makeDataTable([{ name: 'a', type: 'string' }], [[]]);
    const p = profileTable(dt);
    expect(p).toMatchObject({ row_count: 0, column_count: 1, duplicate_row_count: 0, detected_data_end_row: null, issues: [] });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('fills the file fields from the ingest report, canonical defaults without one', () => {
    const withIngest = profileOf('Report\nid;name\n1;x\n2;y\n');
    expect(withIngest).toMatchObject({
      encoding_detected: 'utf-8', delimiter_detected: ';', detected_header_row: 1, skipped_rows: [1],
    });
    expect(withIngest.issues.map((i) => i.issue_type)).toContain('skipped_lines');
    const dt = makeDataTable([{ name: 'a', type: 'integer' }], [[1]]);
    expect(profileTable(dt)).toMatchObject({
      file_size_bytes: null, encoding_detected: 'utf-8', delimiter_detected: ',', detected_header_row: 0, header_confidence: 1,
    });
  });
});

describe('profileTable: semantic types', () => {
  it('does not call plain integers phones, nor paid/valid ids', () => {
    const p = profileOf('paid,valid,score,zip,customer_id\n1,0,5551234567,02134,1\n0,1,5559876543,10001,2\n1,1,5551112222,94105,3\n');
    expect(col(p, 'paid').semantic_type).toBe('numeric');
    expect(col(p, 'valid').semantic_type).toBe('numeric');
    expect(col(p, 'score').semantic_type).toBe('numeric');
    expect(col(p, 'zip').semantic_type).toBe('zipcode');
    expect(col(p, 'customer_id').semantic_type).toBe('id');
  });

  it('needs email-like values for email', () => {
    const p = profileOf('email,contact_email\nnone given,a@b.com\nask later,c@d.org\nn/a,e@f.net\n');
    expect(col(p, 'email').semantic_type).not.toBe('email');
    expect(col(p, 'contact_email')).toMatchObject({ semantic_type: 'email', detected_pattern: 'email@domain.com' });
  });

  it('recognizes urls, percentages, currency, booleans, categories and free text', () => {
    const p = profileOf(
      'site,rate,cost,flag,tier,comment\n' +
        'https://a.com,5%,$1.00,yes,gold,The delivery was late but fine\n' +
        'https://b.org/x,10%,$2.50,no,gold,Great\n' +
        'www.c.net,7.5%,$10,Yes,silver,Will order again next month\n' +
        'https://d.io,1%,$3,no,gold,Too expensive for what it is\n',
    );
    expect(p.columns.map((c) => c.semantic_type)).toEqual(['url', 'percentage', 'currency', 'boolean', 'category', 'text']);
  });

  it('names the dominant date format and reads day-first columns', () => {
    const p = profileOf('d\n31/01/2024\n15/02/2024\n01/03/2024\n2024-03-04\n');
    expect(col(p, 'd')).toMatchObject({ semantic_type: 'date', inferred_type: 'date', date_format: '%d/%m/%Y' });
    expect(issueTypes(col(p, 'd'))).toContain('mixed_date_formats');
  });
});

describe('profileTable: issues', () => {
  it('reports placeholders, whitespace, casing, constant columns and outliers', () => {
    const p = profileOf(
      'name,country,k,v\n' +
        'ann,NA,x,1\n Bob ,US,x,2\nCID,N/A,x,3\nDee,null,x,2\nEve,-,x,3\nFay,US,x,2\nGus,US,x,1\nHal,US,x,500\n',
    );
    const country = col(p, 'country');
    expect(country.issues.find((i) => i.issue_type === 'null_placeholder')).toMatchObject({
      affected_count: 4, examples: ['NA', 'N/A', 'null', '-'], affected_percent: 50,
    });
    expect(issueTypes(col(p, 'name'))).toEqual(['whitespace', 'inconsistent_casing']);
    expect(col(p, 'k').issues).toEqual([
      expect.objectContaining({ issue_type: 'constant_column', description: "All values are the same ('x')" }),
    ]);
    expect(col(p, 'v').issues).toEqual([expect.objectContaining({ issue_type: 'outliers', affected_count: 1, examples: ['500'] })]);
  });

  it('counts duplicate rows with null equal to null, and empty rows', () => {
    const p = profileOf('a,b\n1,\n1,\n2,x\n,\n,\n2,x\n');
    expect(p.duplicate_row_count).toBe(3);
    expect(p.issues.map((i) => i.description)).toEqual(['3 duplicate rows (50.0% of dataset)', '2 rows are completely empty']);
  });

  it('detects a totals footer', () => {
    const p = profileOf('item,qty,price\nA,1,2.5\nB,2,3.5\nC,3,1.5\nTotal,6,7.5\n');
    expect(p).toMatchObject({ detected_footer_rows: [3], footer_type: 'totals', detected_data_end_row: 2 });
    expect(p.issues.map((i) => i.issue_type)).toContain('footer_rows');
  });

  it('turns ragged lines into a dataset issue', () => {
    const csv = 'a,b\n' + Array.from({ length: 12 }, (_, i) => `${i},x`).join('\n') + '\n99\n';
    const p = profileOf(csv);
    expect(p.issues[0]).toMatchObject({ issue_type: 'ragged_lines', affected_count: 1, examples: ['line 14: 1 fields, expected 2 (padded)'] });
  });
});

describe('summarizeProfile', () => {
  it('lists dataset issues first, then [column] issues, at most 20', () => {
    const header = Array.from({ length: 25 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 25 }, () => ' x').join(',');
    const p = profileOf(`${header}\n${row}\n${row}\n`);
    const s = summarizeProfile(p);
    expect(s.issues).toHaveLength(20);
    expect(s.issues[0]).toBe('1 duplicate rows (50.0% of dataset)');
    expect(s.issues[1]).toBe('[c0] 2 values have leading/trailing whitespace');
    expect(Object.keys(s)).toEqual(['row_count', 'column_count', 'columns', 'issues', 'duplicate_row_count']);
  });
});

describe('date formats', () => {
  it.each([
    ['2024-01-15', '%Y-%m-%d'],
    ['2024-01-15 10:30:00', '%Y-%m-%d %H:%M:%S'],
    ['2024-01-15T10:30', '%Y-%m-%dT%H:%M'],
    ['2024/01/18', '%Y/%m/%d'],
    ['Jan 17 2024', '%b %d %Y'],
    ['January 23, 2024', '%B %d, %Y'],
    ['Monday, January 22, 2024', '%A, %B %d, %Y'],
    ['Sat 20 Jan 2024', '%a %d %b %Y'],
    ['15 Jan 2024', '%d %b %Y'],
    ['15-Jan-24', '%d-%b-%y'],
    ['January 24, 2024 3:30 PM', '%B %d, %Y %I:%M %p'],
  ])('classifies %s as %s', (text, format) => {
    expect(classifyDate(text)?.format).toBe(format);
  });

  it('rejects invalid dates and non-dates', () => {
    for (const text of ['2023-02-29', 'Feb 30 2024', '13:00', 'hello', '2024-13-01', '12345']) {
      expect(classifyDate(text)).toBeNull();
    }
  });

  it('decides month/day order once per column (PRIMITIVES §2.10)', () => {
    const us = resolveDateFormats(['01/15/2024', '24/01/2024', '1/20/2024'].map(classifyDate));
    expect(us).toEqual({ formats: ['%m/%d/%Y', null, '%m/%d/%Y'], dayFirst: false });
    const eu = resolveDateFormats(['24/01/2024', '05/02/2024'].map(classifyDate));
    expect(eu).toEqual({ formats: ['%d/%m/%Y', '%d/%m/%Y'], dayFirst: true });
  });
});

describe('determinism', () => {
  it('gives identical JSON for the same input and never NaN or undefined', () => {
    const csv = 'a,b,c\n1,x,2024-01-01\n1,x,2024-01-01\n,y,\n3,  z,2024-02-03\n';
    const one = JSON.stringify(profileOf(csv));
    expect(JSON.stringify(profileOf(csv))).toBe(one);
    expect(one).not.toMatch(/NaN|Infinity/);
    const p = profileOf(csv);
    expect(JSON.parse(one)).toEqual(p);
  });
});
