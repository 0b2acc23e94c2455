import { describe, expect, it } from 'vitest';
import { alternativeNames, matchSchema, semanticSimilarity, typeCompatible, typeDrift, valueOverlap, type ContractColumn, type IncomingColumn } from '../../../src/engine/matching/index.js';

function column(name: string, semantic = 'text', samples: unknown[] = []): ContractColumn {
  return {
    name,
    alternative_names: alternativeNames(name),
    semantic_type: semantic,
    dtype: 'object',
    inferred_type: 'string',
    expected_pattern: null,
    required: true,
    nullable: false,
    max_null_percent: 10,
    sample_values: samples as never,
    allowed_values: null,
    min_value: null,
    max_value: null,
  };
}
const incoming = (name: string, semantic = 'text', samples: unknown[] = []): IncomingColumn => ({ name, semantic_type: semantic, dtype: 'object', sample_values: samples });

const TEN = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7', 'h8', 'i9', 'j10'];

describe('schema matching', () => {
  it('scores semantic types and sample overlap as API.md §11.4 says', () => {
    expect(semanticSimilarity('email', 'email')).toBe(1);
    expect(semanticSimilarity('unknown', 'email')).toBe(0.5);
    expect(semanticSimilarity('text', 'unknown')).toBe(0.5);
    expect(semanticSimilarity('currency', 'numeric')).toBe(0.7);
    expect(semanticSimilarity('email', 'date')).toBe(0.2);
    expect(typeCompatible('zipcode', 'state')).toBe(true);
    expect(typeCompatible('numeric', 'category')).toBe(false);
    expect(valueOverlap([' A ', 'b', null], ['a', 'c'])).toBeCloseTo(1 / 3, 10);
    expect(valueOverlap([], ['a'])).toBe(0);
    expect(valueOverlap(['1', '2', '3', '4', '5', '6'], ['6'])).toBe(0); // 5 samples per side
  });

  it('follows the rule of thumb for a 10-column contract with exact names and no sample overlap', () => {
    const contract = { columns: TEN.map((n) => column(n)) };
    const cases: [number, number, string][] = [
      [0, 92, 'HIGH'],
      [1, 71, 'MEDIUM'],
      [2, 50, 'LOW'],
      [3, 29, 'NO_MATCH'],
    ];
    for (const [missing, score, level] of cases) {
      const result = matchSchema(contract, TEN.slice(missing).map((n) => incoming(n)));
      expect(result.confidence_score).toBe(score);
      expect(result.confidence_level).toBe(level);
      expect(result.missing_columns).toEqual(TEN.slice(0, missing));
      expect(result.column_mappings.every((m) => m.confidence === 0.8 && m.match_type === 'exact')).toBe(true);
    }
  });

  it('maps state→state and status→status although state is an alternative of status', () => {
    const contract = { columns: [column('status', 'category'), column('state', 'state')] };
    const result = matchSchema(contract, [incoming('state', 'state'), incoming('status', 'category')]);
    expect(result.column_mappings.map((m) => [m.incoming_name, m.contract_name, m.match_type])).toEqual([
      ['status', 'status', 'exact'],
      ['state', 'state', 'exact'],
    ]);
    expect(result.confidence_level).toBe('HIGH');
  });

  it('reports type mismatches, missing columns with three alternatives, and extra columns passed through', () => {
    const contract = { columns: [column('email', 'email', ['a@x.io']), column('lead_score', 'numeric', ['85', '91'])] };
    const result = matchSchema(contract, [incoming('lead_score', 'category', ['high', 'low']), incoming('notes_x', 'text')]);
    expect(result.column_mappings).toEqual([
      { incoming_name: 'lead_score', contract_name: 'lead_score', match_type: 'exact', confidence: 0.56, type_compatible: false, notes: 'Name: 1.00, Type: 0.20, Values: 0.00' },
    ]);
    expect(result.discrepancies.map((d) => [d.type, d.severity, d.column])).toEqual([
      ['type_mismatch', 'warning', 'lead_score'],
      ['missing_required', 'critical', 'email'],
      ['extra_column', 'info', 'notes_x'],
    ]);
    expect(result.discrepancies[1].suggestion).toBe("Add a column named 'email' (also accepted: e_mail, email_address, emailaddress).");
    expect(result.unexpected_columns).toEqual(['notes_x']);
  });

  it('gives 0 for a contract without columns and never matches ineligible pairs', () => {
    expect(matchSchema({ columns: [] }, [incoming('a')]).confidence_score).toBe(0);
    const result = matchSchema({ columns: [column('email', 'email')] }, [incoming('warehouse', 'date')]);
    expect(result.column_mappings).toEqual([]);
    expect(result.confidence_level).toBe('NO_MATCH');
  });

  it('reports type drift: values that no longer read as the contract type are counted, kept and named', () => {
    const drift = typeDrift({ name: 'lead_score', dtype: 'object', semantic_type: 'numeric' }, { name: 'lead_score', type: 'string', semantic_type: 'category', values: ['high', 'low', 'high', '12', null, 'n/a'] });
    expect(drift).toMatchObject({ type: 'type_drift', severity: 'warning', column: 'lead_score', affected_count: 3, examples: ['high', 'low'] });
    expect(drift!.description).toContain('3 of 4 values');
    // A typed contract column read as text drifts even when its meaning still looks compatible.
    expect(typeDrift({ name: 'lead_id', dtype: 'int64', semantic_type: 'id' }, { name: 'lead_id', type: 'string', semantic_type: 'id', values: [1, 'ABC'] })).toMatchObject({ affected_count: 1 });
    // Same kind, or a compatible text column with a few stray words (as the contract's own file had): no drift.
    expect(typeDrift({ name: 'lead_id', dtype: 'int64', semantic_type: 'id' }, { name: 'lead_id', type: 'float', semantic_type: 'numeric', values: [1.5] })).toBeNull();
    expect(typeDrift({ name: 's', dtype: 'object', semantic_type: 'numeric' }, { name: 's', type: 'string', semantic_type: 'numeric', values: ['1', 'seventy'] })).toBeNull();
    expect(typeDrift({ name: 'n', dtype: 'object', semantic_type: 'name' }, { name: 'n', type: 'integer', semantic_type: 'numeric', values: [1] })).toBeNull();
  });
});
