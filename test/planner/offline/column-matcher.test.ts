import { describe, expect, it } from 'vitest';
import { NeedsClarification } from '../../../src/planner/offline/clarify.js';
import { createColumnMatcher, SCORE } from '../../../src/planner/offline/columns/column-matcher.js';

const COLUMNS = ['customer_id', 'first_name', 'last_name', 'email_address', 'Signup Date', 'total_purchases', 'quantity', 'status', 'city'];

function question(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NeedsClarification);
    return (error as NeedsClarification).clarification;
  }
  throw new Error('expected a question');
}

describe('fuzzy column matching against the profile', () => {
  it.each([
    ['quantity', 'quantity', SCORE.exact],
    ['QUANTITY', 'quantity', SCORE.exact],
    ['Customer ID', 'customer_id', SCORE.exact],
    ['customer-id', 'customer_id', SCORE.exact],
    ['signup_date', 'Signup Date', SCORE.exact],
    ['the status column', 'status', SCORE.exact],
    ["'status'", 'status', SCORE.exact],
    ['statuses', 'status', SCORE.spelling],
    ['cities', 'city', SCORE.spelling],
    ['total purchase', 'total_purchases', SCORE.spelling],
    ['signupdate', 'Signup Date', SCORE.spelling],
    ['email', 'email_address', SCORE.word],
    ['purchases', 'total_purchases', SCORE.word],
    ['quantitiy', 'quantity', SCORE.typo],
    ['sigup_date', 'Signup Date', SCORE.typo],
    ['emial address', 'email_address', SCORE.typo],
  ])('%s → %s', (phrase, column, score) => {
    const matcher = createColumnMatcher(COLUMNS);
    expect(matcher.one(phrase)).toBe(column);
    expect(matcher.lowestScore()).toBe(score);
  });

  it('a plural that names several columns means all of them; the singular asks which', () => {
    const matcher = createColumnMatcher(COLUMNS);
    expect(matcher.many('names')).toEqual(['first_name', 'last_name']);
    expect(question(() => matcher.one('name'))).toEqual({ reason: 'ambiguous', question: "'name' could mean first_name or last_name. Which column do you mean?", options: ['first_name', 'last_name'] });
  });

  it('lists, and a shared last word ("first and last name")', () => {
    const matcher = createColumnMatcher(COLUMNS);
    expect(matcher.many('city, status and quantity')).toEqual(['city', 'status', 'quantity']);
    expect(matcher.many('first and last name')).toEqual(['first_name', 'last_name']);
  });

  it('a name that itself contains "and" is one column', () => {
    expect(createColumnMatcher(['id', 'Terms and Conditions']).many('terms and conditions')).toEqual(['Terms and Conditions']);
  });

  it('short names allow fewer typos: "emial" is not "email" (two edits in five letters), so it asks', () => {
    expect(question(() => createColumnMatcher(['id', 'email']).one('emial'))).toEqual({ reason: 'unknown_column', question: "Column 'emial' not found. Did you mean: email?", options: ['email'] });
    expect(createColumnMatcher(['id', 'email']).one('emai')).toBe('email');
    expect(question(() => createColumnMatcher(['id', 'age']).one('ag')).reason).toBe('unknown_column');
  });

  it('an unknown name without a near miss lists the columns', () => {
    expect(question(() => createColumnMatcher(['id', 'price']).one('zebra'))).toEqual({ reason: 'unknown_column', question: "Column 'zebra' not found. Available columns: id, price.", options: ['id', 'price'] });
  });

  it('quoted names match exactly (case aside), never fuzzily', () => {
    const matcher = createColumnMatcher(COLUMNS);
    expect(matcher.one("'STATUS'")).toBe('status');
    expect(question(() => matcher.one("'statuss'")).reason).toBe('unknown_column');
  });

  it('"it" and "them" are the columns the previous request touched', () => {
    const matcher = createColumnMatcher(COLUMNS);
    matcher.setRecent(['first_name', 'last_name']);
    expect(matcher.many('them')).toEqual(['first_name', 'last_name']);
    matcher.setNames([...COLUMNS, 'full_name']);
    expect(matcher.one('full name')).toBe('full_name');
  });

  it('find() only answers confidently and never asks', () => {
    const matcher = createColumnMatcher(COLUMNS);
    expect(matcher.find('Status')).toBe('status');
    expect(matcher.find('email')).toBeNull();
    expect(matcher.find('nothing here')).toBeNull();
  });
});
