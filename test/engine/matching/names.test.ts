import { describe, expect, it } from 'vitest';
import { alternativeNames, contractFingerprint, nameScore, normalizeName, titleCase } from '../../../src/engine/matching/index.js';

const contract = (name: string) => ({ name, alternative_names: alternativeNames(name) });

describe('column names', () => {
  it('normalizes by lower-casing and deleting spaces, _, - and .', () => {
    expect(normalizeName('E-Mail')).toBe('email');
    expect(normalizeName('Created Date')).toBe('createddate');
    expect(normalizeName('first.name_x')).toBe('firstnamex');
    expect(titleCase('first_name')).toBe('First_Name');
  });

  it('lists alternatives as API.md §11.2 does: synonym groups in order, then spelling variants, at most 10', () => {
    expect(alternativeNames('email')).toEqual(['e_mail', 'email_address', 'emailaddress', 'e-mail', 'mail', 'EMAIL', 'Email']);
    expect(alternativeNames('status')).toEqual(['state', 'condition', 'status_code', 'statuscode', 'STATUS', 'Status']);
    // `state` is in the state group and the status group: both, in group order.
    expect(alternativeNames('state').slice(0, 7)).toEqual(['province', 'region', 'state_province', 'status', 'condition', 'status_code', 'statuscode']);
    expect(alternativeNames('phone_number')).toHaveLength(10);
    expect(alternativeNames('lead_score')).toEqual(['LEAD_SCORE', 'Lead_Score', 'lead score', 'lead-score']);
  });

  it('scores names by the first tier that applies', () => {
    expect(nameScore('email', contract('email'))).toEqual({ score: 1, matchType: 'exact' });
    expect(nameScore('E-Mail', contract('email'))).toEqual({ score: 0.95, matchType: 'normalized' });
    expect(nameScore('FirstName', contract('first_name'))).toEqual({ score: 0.95, matchType: 'normalized' });
    expect(nameScore('Created Date', contract('created_date'))).toEqual({ score: 0.95, matchType: 'normalized' });
    expect(nameScore('Phone', contract('phone_number'))).toEqual({ score: 0.95, matchType: 'alternative' });
    expect(nameScore('surname', contract('last_name'))).toEqual({ score: 0.95, matchType: 'alternative' });
    expect(nameScore('state', contract('status'))).toEqual({ score: 0.95, matchType: 'alternative' });
    // Same first group without being listed: the contract's alternatives stop at 10.
    expect(nameScore('cell', { name: 'phone_number', alternative_names: [] })).toEqual({ score: 0.85, matchType: 'synonym' });
    const fuzzy = nameScore('compnay', contract('company'));
    expect(fuzzy.matchType).toBe('fuzzy');
    expect(fuzzy.score).toBeCloseTo(0.9 * (1 - 2 / 7), 10);
    const weak = nameScore('warehouse', contract('email'));
    expect(weak.matchType).toBe('weak');
    expect(weak.score).toBeLessThan(0.35);
  });

  it('fingerprints name:semantic_type:dtype joined by |, 16 hex characters', () => {
    const fp = contractFingerprint([{ name: 'email', semantic_type: 'email', dtype: 'object' }]);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(fp).toBe(contractFingerprint([{ name: 'email', semantic_type: 'email', dtype: 'object' }]));
    expect(fp).not.toBe(contractFingerprint([{ name: 'email', semantic_type: 'text', dtype: 'object' }]));
  });
});
